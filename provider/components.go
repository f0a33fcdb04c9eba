package main

import (
	"fmt"
	"reflect"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// The types the provider serves: each is its apigwlogs namesake under another name, the same struct with
// the same fields and tags (so an input reaches the Go constructor as a Go program would pass it), given the
// Annotate methods (docs.go) that infer reads the schema's descriptions and tokens from. They cannot be
// declared on the apigwlogs types themselves: infer imports github.com/pulumi/pulumi/pkg/v3, which the root
// module keeps out of its importers' builds.
type (
	LogGroupArgs       apigwlogs.LogGroupArgs
	LogGroup           apigwlogs.LogGroup
	CloudWatchRoleArgs apigwlogs.CloudWatchRoleArgs
	CloudWatchRole     apigwlogs.CloudWatchRole
	AccountArgs        apigwlogs.AccountArgs
	Account            apigwlogs.Account
	StageArgs          apigwlogs.StageArgs
	Stage              apigwlogs.Stage
	HTTPStageArgs      apigwlogs.HTTPStageArgs
	HTTPStage          apigwlogs.HTTPStage
	WebSocketStageArgs apigwlogs.WebSocketStageArgs
	WebSocketStage     apigwlogs.WebSocketStage
	LogKeyArgs         apigwlogs.LogKeyArgs
	LogKey             apigwlogs.LogKey
	MonitoringArgs     apigwlogs.MonitoringArgs
	Monitoring         apigwlogs.Monitoring
	AccessLoggingArgs  apigwlogs.AccessLoggingArgs
	AccessLogging      apigwlogs.AccessLogging
	DashboardArgs      apigwlogs.DashboardArgs
	Dashboard          apigwlogs.Dashboard

	ExecutionLogDeliveryArgs apigwlogs.ExecutionLogDeliveryArgs
	ExecutionLogDelivery     apigwlogs.ExecutionLogDelivery
)

// components are the components the provider serves, parts first.
var components = []served{
	component[LogGroupArgs, LogGroup](apigwlogs.NewLogGroup),
	component[CloudWatchRoleArgs, CloudWatchRole](apigwlogs.NewCloudWatchRole),
	component[AccountArgs, Account](apigwlogs.NewAccount),
	component[StageArgs, Stage](apigwlogs.NewStage),
	component[HTTPStageArgs, HTTPStage](apigwlogs.NewHTTPStage),
	component[WebSocketStageArgs, WebSocketStage](apigwlogs.NewWebSocketStage),
	component[LogKeyArgs, LogKey](apigwlogs.NewLogKey),
	component[MonitoringArgs, Monitoring](apigwlogs.NewMonitoring),
	component[DashboardArgs, Dashboard](apigwlogs.NewDashboard),
	component[ExecutionLogDeliveryArgs, ExecutionLogDelivery](apigwlogs.NewExecutionLogDelivery),
	component[AccessLoggingArgs, AccessLogging](apigwlogs.NewAccessLogging),
}

// served is a component as infer serves it (schema, token, Construct), with the provider's Args and component
// types, which schema.go and references.go read.
type served struct {
	infer.InferredComponent
	args, component reflect.Type
}

// component serves the Go constructor newC with Args type A and component type C, the provider's namesakes of
// newC's own: infer copies a program's inputs into an A, the constructor gets it as its own Args, and infer
// reads the outputs from the component it returns, seen as a C.
//
// Components passed by reference (a stage's logGroup and account) are also dependencies of the component.
// The Go component they arrive as (references.go) holds its outputs but not its children, so a stage's own
// dependency on the account setting it waits for cannot be made through it; the component's dependency on
// the account records that wait in the state instead. (The order itself is right without it: a reference
// reaches a Construct only once the referenced component's Construct has finished, children included.)
func component[A, C any, PC interface {
	*C
	pulumi.ComponentResource
}, GA, GC any](newC func(*pulumi.Context, string, *GA, ...pulumi.ResourceOption) (*GC, error)) served {
	toGo, fromGo := reflect.TypeFor[*GA](), reflect.TypeFor[PC]()
	if !reflect.TypeFor[*A]().ConvertibleTo(toGo) || !reflect.TypeFor[*GC]().ConvertibleTo(fromGo) {
		panic(fmt.Sprintf("%s and %s are not the types of %s and %s", reflect.TypeFor[A](), reflect.TypeFor[C](),
			toGo.Elem(), reflect.TypeFor[GC]()))
	}
	construct := func(ctx *pulumi.Context, name string, args *A, opts ...pulumi.ResourceOption) (PC, error) {
		if refs := references(reflect.ValueOf(args).Elem()); len(refs) > 0 {
			opts = append(opts, pulumi.DependsOn(refs))
		}
		c, err := newC(ctx, name, reflect.ValueOf(args).Convert(toGo).Interface().(*GA), opts...)
		if err != nil {
			return nil, err
		}
		return reflect.ValueOf(c).Convert(fromGo).Interface().(PC), nil
	}
	return served{infer.ComponentF(construct), reflect.TypeFor[A](), reflect.TypeFor[C]()}
}

// references returns the components an Args struct holds (its non-nil component fields).
func references(args reflect.Value) []pulumi.Resource {
	var out []pulumi.Resource
	for _, f := range reflect.VisibleFields(args.Type()) {
		v := args.FieldByIndex(f.Index)
		if v.Kind() != reflect.Pointer || v.IsNil() {
			continue
		}
		if r, ok := v.Interface().(pulumi.ComponentResource); ok {
			out = append(out, r)
		}
	}
	return out
}
