package plugin

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// Package is the Pulumi package name: the first part of every type token, and the name SDKs are generated
// under.
const Package = "apigwlogs"

// component is one component the provider serves: its type token, its Args and component types (for the
// schema), the inputs its constructor requires, and the constructor.
type component struct {
	token    string
	args     reflect.Type // the Args struct
	resource reflect.Type // the component struct
	// required are the inputs (schema names) without which the constructor fails; tested against it.
	required []string
	new      func(ctx *pulumi.Context, name string, args any, opts ...pulumi.ResourceOption) (pulumi.ComponentResource, error)
}

// part describes a component by its Go constructor.
func part[A any, C pulumi.ComponentResource](token string,
	newC func(*pulumi.Context, string, *A, ...pulumi.ResourceOption) (C, error), required ...string,
) component {
	return component{
		token:    token,
		args:     reflect.TypeFor[A](),
		resource: reflect.TypeFor[C]().Elem(),
		required: required,
		new: func(ctx *pulumi.Context, name string, args any, opts ...pulumi.ResourceOption) (pulumi.ComponentResource, error) {
			return newC(ctx, name, args.(*A), opts...)
		},
	}
}

// components are the components the provider serves, parts first; each token is the one its Go constructor
// registers (tested), so a component has the same URN whichever language creates it.
var components = []component{
	part(Package+":index:LogGroup", apigwlogs.NewLogGroup),
	part(Package+":index:CloudWatchRole", apigwlogs.NewCloudWatchRole),
	part(Package+":index:Account", apigwlogs.NewAccount),
	part(Package+":index:Stage", apigwlogs.NewStage, "apiId", "deploymentId", "stageName"),
	part(Package+":index:HttpStage", apigwlogs.NewHTTPStage, "apiId", "stageName", "logGroup"),
	part(Package+":index:WebSocketStage", apigwlogs.NewWebSocketStage, "apiId", "deploymentId", "stageName", "logGroup"),
	part(Package+":index:LogKey", apigwlogs.NewLogKey, "logGroupNames"),
	part(Package+":index:Monitoring", apigwlogs.NewMonitoring, "logGroup", "accessLogFormat"),
	part(Package+":index:Dashboard", apigwlogs.NewDashboard, "apiId", "stageName"),
	part(Package+":index:ExecutionLogDelivery", apigwlogs.NewExecutionLogDelivery, "apiId", "stageName", "stage", "executionLogDestination"),
	part(Package+":index:AccessLogging", apigwlogs.NewAccessLogging, "apiId", "stageName"),
}

// lookup returns the component with a type token.
func lookup(token string) (component, bool) {
	for _, c := range components {
		if c.token == token {
			return c, true
		}
	}
	return component{}, false
}

// Construct builds the component of type typ called name, as the engine asks a component provider to: the
// inputs are copied into the component's Args by their `pulumi:"…"` tags, and the Go constructor does the rest
// (validation, defaults, children). Components passed by reference (a Stage's logGroup and account) arrive
// as the components another Construct built, with their outputs; the component also depends on them, so the
// state records that a stage waits for its account setting.
//
// Its signature is the Go SDK's provider.ConstructFunc.
func Construct(ctx *pulumi.Context, typ, name string, inputs provider.ConstructInputs,
	options pulumi.ResourceOption,
) (*provider.ConstructResult, error) {
	c, ok := lookup(typ)
	if !ok {
		return nil, fmt.Errorf("unknown resource type %s: this provider serves %s", typ, tokens())
	}
	args := reflect.New(c.args)
	if err := inputs.CopyTo(args.Interface()); err != nil {
		return nil, fmt.Errorf("%s %s: reading the inputs: %w", typ, name, err)
	}
	opts := []pulumi.ResourceOption{options}
	if refs := references(args.Elem()); len(refs) > 0 {
		opts = append(opts, pulumi.DependsOn(refs))
	}
	res, err := c.new(ctx, name, args.Interface(), opts...)
	if err != nil {
		return nil, err
	}
	return provider.NewConstructResult(res)
}

// references returns the components an Args struct holds (its non-nil resource fields).
func references(args reflect.Value) []pulumi.Resource {
	var out []pulumi.Resource
	for i := range args.NumField() {
		f := args.Field(i)
		if f.Kind() != reflect.Pointer || f.IsNil() {
			continue
		}
		if r, ok := f.Interface().(pulumi.Resource); ok {
			out = append(out, r)
		}
	}
	return out
}

// tokens lists the served type tokens, for error messages.
func tokens() string {
	names := make([]string, len(components))
	for i, c := range components {
		names[i] = c.token
	}
	return strings.Join(names, ", ")
}

// module rehydrates a component passed by reference (a resource reference in the inputs) into its Go type,
// with its outputs read from the engine, so CopyTo can set an Args field such as StageArgs.LogGroup.
type module struct{}

func (module) Version() semver.Version { return semver.Version{} }

func (module) Construct(ctx *pulumi.Context, name, typ, urn string) (pulumi.Resource, error) {
	c, ok := lookup(typ)
	if !ok {
		return nil, fmt.Errorf("unknown resource type %s: this provider serves %s", typ, tokens())
	}
	res := reflect.New(c.resource).Interface().(pulumi.ComponentResource)
	if err := ctx.RegisterResource(typ, name, nil, res, pulumi.URN_(urn)); err != nil {
		return nil, err
	}
	return res, nil
}

func init() {
	pulumi.RegisterResourceModule(Package, "index", module{})
}
