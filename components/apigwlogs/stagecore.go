package apigwlogs

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// What the three stage kinds ([Stage], [HTTPStage], [WebSocketStage]) share: the access-log format, the
// setting and registering of their outputs, and the warnings a format's unlisted variables raise.

// DefaultFormat is the preset a REST stage logs with when its args name no format; see [DefaultFormatFor]
// for the other API types.
const DefaultFormat = "json"

// DefaultFormatFor is the preset a stage of the API type logs with when its args name no format: the JSON
// preset of that type (json, http-json, websocket-json).
func DefaultFormatFor(api accesslog.APIType) string {
	switch api {
	case accesslog.HTTP:
		return "http-json"
	case accesslog.WebSocket:
		return "websocket-json"
	}
	return DefaultFormat
}

// ResolveFormat turns a preset name or a custom format into the format sent to API Gateway for the API type:
// a preset becomes its format, a custom one is validated and normalised.
func ResolveFormat(v string, api accesslog.APIType) (string, error) {
	return accesslog.Resolve(v, api.OrREST())
}

// format resolves the accessLogFormat field for an API type: the type's default when it is not set; a
// known value now, a computed one when it resolves (with wrap).
func (c *checker) format(in pulumi.StringInput, api accesslog.APIType) pulumi.StringInput {
	if in == nil {
		in = pulumi.String(DefaultFormatFor(api))
	}
	if v, ok := known(in); ok {
		f, err := ResolveFormat(v, api)
		if err != nil {
			c.add(fieldError("accessLogFormat", v, err))
			return in
		}
		return pulumi.String(f)
	}
	if !c.wrap {
		return in
	}
	return in.ToStringOutput().ApplyT(func(v string) (string, error) {
		f, err := ResolveFormat(v, api)
		if err != nil {
			return "", fieldError("accessLogFormat", v, err)
		}
		return f, nil
	}).(pulumi.StringOutput)
}

// stageOutputs point at the outputs every stage kind has. Each kind declares them as its own fields (the Go
// SDK's component construction, which other languages go through, reads only a struct's own fields), and
// sets and registers them here.
type stageOutputs struct {
	stageName, arn, invokeURL, accessLogFormat *pulumi.StringOutput
	warnings                                   *pulumi.StringArrayOutput
	executionLogGroupName                      *pulumi.StringOutput
}

// set fills the outputs from the stage's own, logs the format's warnings under the component c, and registers
// the outputs of c.
func (o stageOutputs) set(ctx *pulumi.Context, c pulumi.ComponentResource, api accesslog.APIType,
	stageName, arn, invokeURL pulumi.StringOutput, format pulumi.StringInput, executionLogGroup *cloudwatch.LogGroup,
) error {
	*o.stageName, *o.arn, *o.invokeURL = stageName, arn, invokeURL
	*o.accessLogFormat = format.ToStringOutput()
	*o.executionLogGroupName = pulumi.String("").ToStringOutput()
	if executionLogGroup != nil {
		*o.executionLogGroupName = executionLogGroup.Name
	}
	*o.warnings = o.accessLogFormat.ApplyT(func(format string) ([]string, error) {
		warnings := accesslog.Warnings(format, api)
		for _, w := range warnings {
			if err := ctx.Log.Warn("access log format: "+w, &pulumi.LogArgs{Resource: c}); err != nil {
				return nil, err
			}
		}
		return warnings, nil
	}).(pulumi.StringArrayOutput)
	return ctx.RegisterResourceOutputs(c, pulumi.Map{
		"stageName": *o.stageName, "arn": *o.arn, "invokeUrl": *o.invokeURL, "accessLogFormat": *o.accessLogFormat,
		"warnings": *o.warnings, "executionLogGroupName": *o.executionLogGroupName,
	})
}
