// Command provider is the component provider for Pulumi programs in other languages (TypeScript, Python,
// YAML, C#, Java): it serves the components of components/apigwlogs under the package name apigwlogs
// (apigwlogs:index:AccessLogging and each part), built on pulumi-go-provider's infer package. infer derives
// the schema every language's SDK is generated from from the Go types (their `pulumi:"…"` tags and field
// types) and the descriptions in docs.go, and copies a program's inputs into the same Args a Go program
// passes, so every language gets the Go constructors' validation, defaults, children and names.
//
// It is its own module, so that pulumi-go-provider, and with it github.com/pulumi/pulumi/pkg/v3, stay out of
// the builds of Go programs that import the components. Its go.mod replaces the components' module with the
// checkout it sits in: a build of a checkout serves that checkout's components.
//
// Consumers do not build it themselves. `pulumi package add` clones a Git repository, builds the plugin in the
// directory named after ".git/" (its PulumiPlugin.yaml says runtime: go), asks it for its schema and generates
// an SDK in the program's language:
//
//	pulumi package add github.com/apigw-access-logs/apigw-access-logs.git/provider@v1.2.3
//
// The engine then runs this binary for every program that uses the package.
package main

import (
	"context"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Package is the Pulumi package name: the first part of every type token, and the name SDKs are generated
// under.
const Package = "apigwlogs"

func main() {
	refs, err := newReferenced(components)
	if err != nil {
		cmdutil.ExitError(err.Error())
	}
	pulumi.RegisterResourceModule(Package, "index", refs)
	prov, err := newProvider()
	if err != nil {
		cmdutil.ExitError(err.Error())
	}
	if err := prov.Run(context.Background(), Package, schemaVersion(version, buildInfo())); err != nil {
		cmdutil.ExitError(err.Error())
	}
}

// newProvider builds the provider. Components passed by reference reach the constructors through the
// resource module main registers (references.go).
func newProvider() (p.Provider, error) {
	inferred := make([]infer.InferredComponent, len(components))
	for i, c := range components {
		inferred[i] = c.InferredComponent
	}
	prov, err := infer.NewProviderBuilder().
		WithDisplayName("API Gateway access logs").
		WithDescription("Amazon API Gateway access logging: the log group, the CloudWatch role, the regional "+
			"account setting and the stage, created in the order AWS requires.").
		WithKeywords("aws", "apigateway", "logging", "category/monitoring", "kind/component").
		WithRepository("https://github.com/apigw-access-logs/apigw-access-logs").
		WithComponents(inferred...).
		Build()
	if err != nil {
		return p.Provider{}, err
	}
	prov.GetSchema = completeSchema(prov.GetSchema)
	return prov, nil
}
