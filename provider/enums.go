package main

import (
	"reflect"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// enums are the string enumerations of the served Args, with a description of each value. infer recognises
// an enumeration by a Values method on its Go type, which the components' packages cannot declare (it would
// import infer, and with it github.com/pulumi/pulumi/pkg/v3, into the root module), so schema.go adds them.
var enums = []enum{
	enumOf("The kind of API Gateway API a stage belongs to.",
		infer.EnumValue[accesslog.APIType]{Value: accesslog.REST, Description: "A REST API (the default)."},
		infer.EnumValue[accesslog.APIType]{Value: accesslog.HTTP, Description: "An HTTP API."},
		infer.EnumValue[accesslog.APIType]{Value: accesslog.WebSocket, Description: "A WebSocket API."}),
	enumOf("What a stack does with the region's API Gateway account setting (the CloudWatch role), which is one "+
		"per account and region and shared by every REST and WebSocket API there.",
		infer.EnumValue[apigwlogs.AccountMode]{Value: apigwlogs.AccountAuto, Description: "Reads the setting (a " +
			"resource read, so previews show it). When it is empty, the stack creates a CloudWatch role and sets it, " +
			"and stays their owner on later runs; when it names a role this stack did not create, the stack leaves " +
			"it alone and creates no IAM resource. The default."},
		infer.EnumValue[apigwlogs.AccountMode]{Value: apigwlogs.AccountManage, Description: "Owns the setting: " +
			"points it at cloudWatchRoleArn, or at a role the stack creates, taking it over from whoever set it " +
			"before."},
		infer.EnumValue[apigwlogs.AccountMode]{Value: apigwlogs.AccountLeave, Description: "Never reads or " +
			"writes the setting: another stack or an administrator owns it."}),
	enumOf("How much API Gateway writes to a REST or WebSocket stage's execution logs about how it processed "+
		"each request. HTTP APIs have no execution logs.",
		infer.EnumValue[apigwlogs.ExecutionLogging]{Value: apigwlogs.ExecutionLoggingOff, Description: "No " +
			"execution logs (the default)."},
		infer.EnumValue[apigwlogs.ExecutionLogging]{Value: apigwlogs.ExecutionLoggingError, Description: "Errors only."},
		infer.EnumValue[apigwlogs.ExecutionLogging]{Value: apigwlogs.ExecutionLoggingInfo, Description: "Errors " +
			"and information about every request."}),
	enumOf("A CloudWatch Logs log group class.",
		infer.EnumValue[apigwlogs.LogGroupClass]{Value: apigwlogs.LogGroupClassStandard, Description: "Every " +
			"feature (the default)."},
		infer.EnumValue[apigwlogs.LogGroupClass]{Value: apigwlogs.LogGroupClassInfrequentAccess, Description: "Half " +
			"the ingestion price, and no metric filters, subscription filters or Live Tail."}),
}

// enum is a string enumeration: its Go type, whose name is its schema type's, and its schema type.
type enum struct {
	goType reflect.Type
	spec   schema.ComplexTypeSpec
}

// enumOf describes the enumeration of Go type E.
func enumOf[E ~string](description string, values ...infer.EnumValue[E]) enum {
	e := enum{goType: reflect.TypeFor[E](), spec: schema.ComplexTypeSpec{
		ObjectTypeSpec: schema.ObjectTypeSpec{Description: description, Type: "string"},
	}}
	for _, v := range values {
		e.spec.Enum = append(e.spec.Enum, schema.EnumValueSpec{Value: string(v.Value), Description: v.Description})
	}
	return e
}
