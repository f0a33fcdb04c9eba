// Command provider is the component provider for Pulumi programs in other languages (TypeScript, Python,
// YAML, C#, Java): it serves the components of components/apigwlogs under the package name apigwlogs
// (apigwlogs:index:AccessLogging and each part) through the Pulumi Go SDK's go/pulumi/provider, with the
// schema in schema.json, which a test keeps equal to the one derived from the Go types
// (components/plugin).
//
// Consumers do not build it themselves. `pulumi package add` clones a Git repository, builds the plugin in the
// directory named after ".git/" (its PulumiPlugin.yaml says runtime: go), asks it for its schema and generates
// an SDK in the program's language (https://www.pulumi.com/docs/iac/cli/commands/pulumi_package_add/: "Paths
// can be disambiguated from the repo name by appending '.git' to the repo URL, followed by the path to the
// package: pulumi package add example.org/org/repo.git/path[@<version>]"):
//
//	pulumi package add github.com/apigw-access-logs/apigw-access-logs.git/provider@v1.2.3
//
// The engine then runs this binary for every program that uses the package.
package main

import (
	_ "embed"
	"runtime/debug"
	"strings"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"

	"github.com/apigw-access-logs/apigw-access-logs/components/plugin"
)

//go:embed schema.json
var schema []byte

func main() {
	if err := provider.MainWithOptions(provider.Options{
		Name:      plugin.Package,
		Version:   version(),
		Schema:    schema,
		Construct: plugin.Construct,
	}); err != nil {
		cmdutil.ExitError(err.Error())
	}
}

// version is the module's version when the binary was built from a tagged release (go install …@v1.2.3, or
// a build in a checkout of the tag), without the "v"; empty for a development build.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	v := strings.TrimPrefix(info.Main.Version, "v")
	if _, err := semver.Parse(v); err != nil {
		return ""
	}
	return v
}
