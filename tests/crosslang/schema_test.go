package crosslang

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// servedSchema is the schema the built provider serves over gRPC, as `pulumi package add` and the language
// hosts ask it for: the provider binary is started, prints its port, and answers GetSchema.
var servedSchema = sync.OnceValues(func() ([]byte, error) {
	cmd := exec.Command(providerBin)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	port, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("reading the provider's port: %w", err)
	}
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	resp, err := pulumirpc.NewResourceProviderClient(conn).GetSchema(ctx, &pulumirpc.GetSchemaRequest{})
	if err != nil {
		return nil, err
	}
	return []byte(resp.GetSchema()), nil
})

// schemaSpec is the served schema, decoded.
func schemaSpec(t *testing.T) schema.PackageSpec {
	t.Helper()
	data, err := servedSchema()
	require.NoError(t, err)
	var spec schema.PackageSpec
	require.NoError(t, json.Unmarshal(data, &spec))
	return spec
}

// bindSchema binds the served schema with Pulumi's own schema binder, which validates it against the package
// metaschema and resolves every $ref, as `pulumi package add` does before generating an SDK.
func bindSchema(t *testing.T) *schema.Package {
	t.Helper()
	pkg, diags, err := schema.BindSpec(schemaSpec(t), noPackages{}, schema.ValidationOptions{})
	require.NoError(t, err)
	require.False(t, diags.HasErrors(), "schema diagnostics: %v", diags)
	return pkg
}

// noPackages is a schema loader that has no other package: the schema refers to none (the components' AWS
// children are not part of their interface).
type noPackages struct{}

func (noPackages) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %s, and should need no other package", pkg)
}

func (l noPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func (l noPackages) LoadPackageReference(pkg string, version *semver.Version) (schema.PackageReference, error) {
	_, err := l.LoadPackage(pkg, version)
	return nil, err
}

func (l noPackages) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, d.Version)
}

func TestSchemaBinds(t *testing.T) {
	t.Parallel()
	pkg := bindSchema(t)
	assert.Equal(t, "apigwlogs", pkg.Name)
	var tokens []string
	for _, r := range pkg.Resources {
		assert.True(t, r.IsComponent, "%s is a component", r.Token)
		tokens = append(tokens, r.Token)
	}
	// The tokens are in every URN of every stack that uses the components: they never change.
	assert.ElementsMatch(t, []string{"apigwlogs:index:AccessLogging", "apigwlogs:index:LogGroup",
		"apigwlogs:index:Account", "apigwlogs:index:CloudWatchRole", "apigwlogs:index:Stage",
		"apigwlogs:index:HttpStage", "apigwlogs:index:WebSocketStage", "apigwlogs:index:LogKey",
		"apigwlogs:index:Monitoring", "apigwlogs:index:Dashboard", "apigwlogs:index:ExecutionLogDelivery"}, tokens)

	// References between components and to the enumerations resolve to the bound types.
	stage, ok := pkg.GetResource("apigwlogs:index:Stage")
	require.True(t, ok)
	for _, p := range stage.InputProperties {
		switch p.Name {
		case "logGroup", "account":
			ref, isRef := codegen.UnwrapType(p.Type).(*schema.ResourceType)
			require.True(t, isRef, "%s is a resource reference, got %v", p.Name, p.Type)
			assert.NotNil(t, ref.Resource, "%s resolves to a resource of the package", p.Name)
		case "executionLogging":
			enum, isEnum := codegen.UnwrapType(p.Type).(*schema.EnumType)
			require.True(t, isEnum, "executionLogging is an enum, got %v", p.Type)
			var values []any
			for _, e := range enum.Elements {
				values = append(values, e.Value)
			}
			assert.Equal(t, []any{"off", "error", "info"}, values)
		}
	}
}

// checkAgainstSchema type-checks the resources of a YAML program against the schema, as pulumi-yaml does
// before it runs one: a known component type, known inputs of the right kind, no required input missing.
func checkAgainstSchema(t *testing.T, resources []yamlResource) {
	t.Helper()
	pkg := bindSchema(t)
	for _, r := range resources {
		res, ok := pkg.GetResource(r.Type)
		require.True(t, ok, "resource %s: type %s is not in the schema", r.Name, r.Type)
		inputs := map[string]schema.Type{}
		for _, p := range res.InputProperties {
			inputs[p.Name] = codegen.UnwrapType(p.Type)
			if p.IsRequired() {
				assert.Contains(t, r.Properties, p.Name, "resource %s: required input %s", r.Name, p.Name)
			}
		}
		for name, v := range r.Properties {
			typ, ok := inputs[name]
			if !assert.True(t, ok, "resource %s: %s is not an input of %s", r.Name, name, r.Type) {
				continue
			}
			assert.True(t, accepts(typ, v), "resource %s: %s = %v does not fit %v", r.Name, name, v, typ)
		}
	}
}

// accepts reports whether a YAML value fits a schema type: a ${…} reference fits anything (the binder
// checks the resource it names), a literal must have the type's kind, and an enum's value must be listed.
func accepts(typ schema.Type, v any) bool {
	if s, ok := v.(string); ok && interpolation.MatchString(s) {
		return true
	}
	switch typ := typ.(type) {
	case *schema.EnumType:
		for _, e := range typ.Elements {
			if e.Value == v {
				return true
			}
		}
		return false
	case *schema.MapType:
		m, ok := v.(map[string]any)
		for _, e := range m {
			ok = ok && accepts(codegen.UnwrapType(typ.ElementType), e)
		}
		return ok
	case *schema.ArrayType:
		a, ok := v.([]any)
		for _, e := range a {
			ok = ok && accepts(codegen.UnwrapType(typ.ElementType), e)
		}
		return ok
	}
	switch typ {
	case schema.StringType:
		_, ok := v.(string)
		return ok
	case schema.IntType:
		_, ok := v.(int)
		return ok
	case schema.BoolType:
		_, ok := v.(bool)
		return ok
	case schema.NumberType:
		_, isInt := v.(int)
		_, isFloat := v.(float64)
		return isInt || isFloat
	}
	return false
}

// A build of the provider that is not a release (this checkout's, built by TestMain, when its tree sets no
// release version in provider/version.go) serves a schema with a valid pre-release version, which `pulumi
// package add` needs for every SDK it generates; a release tree's build serves the release's version.
func TestSchemaVersion(t *testing.T) {
	t.Parallel()
	spec := schemaSpec(t)
	require.NotEmpty(t, spec.Version, "the schema has a version")
	v, err := semver.Parse(spec.Version)
	require.NoError(t, err, "the version %q is a semantic version", spec.Version)
	if release := treeVersion(t); release != "" {
		assert.Equal(t, release, spec.Version, "a release tree's build serves its version")
		return
	}
	assert.NotEmpty(t, v.Pre, "the version %s of a development build is a pre-release", v)
}

// treeVersion is the release version provider/version.go sets: empty but in a release commit.
func treeVersion(t *testing.T) string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../../provider/version.go", nil, 0)
	require.NoError(t, err)
	obj := f.Scope.Lookup("version")
	require.NotNil(t, obj, "provider/version.go declares version")
	spec := obj.Decl.(*ast.ValueSpec)
	lit := spec.Values[0].(*ast.BasicLit)
	v, err := strconv.Unquote(lit.Value)
	require.NoError(t, err)
	return v
}
