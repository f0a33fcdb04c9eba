package policy_test

import (
	"regexp"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"
)

func TestStageAccessLogging(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  policyx.AnalyzerResource
		want []string // rule IDs, one per expected violation
	}{
		{"seed port stage with settings", seedStage(map[string]any{"destinationArn": seedLogGroupARN, "format": seedFormat}), nil},
		{"seed port stage at preview: log group ARN unknown",
			seedStage(map[string]any{"destinationArn": unknown, "format": clfFormat}), nil},
		{"seed port stage without accessLogSettings", seedStage(nil), []string{"CKV_AWS_76"}},
		{"REST stage with settings but no destination", seedStage(map[string]any{"format": clfFormat}),
			[]string{"AVD-AWS-0001"}},
		{"REST stage with empty destination", seedStage(map[string]any{"destinationArn": "", "format": clfFormat}),
			[]string{"cfn_nag W69"}},
		{"REST stage with settings unknown at preview", seedStage(map[string]any{"destinationArn": unknown}), nil},
		{"HTTP stage with settings",
			res(v2StageType, "http", map[string]any{"apiId": "h1", "name": "$default",
				"accessLogSettings": map[string]any{"destinationArn": seedLogGroupARN, "format": clfFormat}}), nil},
		{"HTTP stage without settings", res(v2StageType, "http", map[string]any{"apiId": "h1", "name": "$default"}),
			[]string{"Security Hub APIGateway.9"}},
		{"WebSocket stage without settings", res(v2StageType, "ws", map[string]any{"apiId": "w1", "name": "prod",
			"defaultRouteSettings": map[string]any{"loggingLevel": "INFO"}}), []string{"cfn_nag W46"}},
		{"deployment that makes its own stage", res(deploymentType, "dep", map[string]any{"restApi": "a1", "stageName": "dev"}),
			[]string{"CKV_AWS_76"}},
		{"deployment without stage", res(deploymentType, "dep", map[string]any{"restApi": "a1"}), nil},
		{"quick-create HTTP API", res(v2APIType, "quick", map[string]any{"protocolType": "HTTP",
			"target": "arn:aws:lambda:us-east-1:123456789012:function:f"}), []string{"Config api-gwv2-access-logs-enabled"}},
		{"HTTP API without quick create", res(v2APIType, "api", map[string]any{"protocolType": "HTTP"}), nil},
		{"other resource types are not judged", res(logGroupType, "lg", map[string]any{}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertViolations(t, validate(t, policy.StageAccessLogging(), tt.res, nil), tt.res, tt.want...)
		})
	}
}

// cdkRequestID is AWS CDK's check of an access-log format (aws-apigateway stage.ts).
var cdkRequestID = regexp.MustCompile(`\$context\.(?:requestId|extendedRequestId)\b`)

func TestAccessLogRequestID(t *testing.T) {
	t.Parallel()
	settings := func(format any) map[string]any {
		return map[string]any{"destinationArn": seedLogGroupARN, "format": format}
	}
	tests := []struct {
		name string
		res  policyx.AnalyzerResource
		flag bool
		cdk  string // what CDK's regex makes of the format: "same", "differs", or "" when there is no known format
	}{
		{"seed port format without request ID", seedStage(settings(seedFormat)), true, "same"},
		{"CLF with both IDs", seedStage(settings(clfFormat)), false, "same"},
		{"JSON with requestId", seedStage(settings(`{"requestId":"$context.requestId","status":"$context.status"}`)), false, "same"},
		{"extendedRequestId alone", seedStage(settings(`$context.extendedRequestId $context.status`)), false, "same"},
		{"trailing newline", seedStage(settings("$context.requestId\n")), false, "same"},
		{"a longer variable is not the request ID", seedStage(settings(`$context.requestIdentity`)), true, "same"},
		{"authorizer.requestId is not the request ID", seedStage(settings(`$context.authorizer.requestId`)), true, "same"},
		{"wrong case is not the request ID", seedStage(settings(`$context.RequestId`)), true, "same"},
		// The one place the pack, reusing the components' validation, is stricter than CDK: the dotted name reads
		// as one (unknown) variable, not as $context.requestId followed by ".foo".
		{"requestId followed by a dotted name", seedStage(settings(`$context.requestId.foo`)), true, "differs"},
		{"empty format", seedStage(settings("")), true, "same"},
		{"format unknown at preview", seedStage(settings(unknown)), false, ""},
		{"format from an output unknown at preview", seedStage(settings(unknownOutput(urn(logGroupType, "lg")))), false, ""},
		{"no settings: stage-access-logging's business", seedStage(nil), false, ""},
		{"HTTP stage without request ID", res(v2StageType, "http", map[string]any{"apiId": "h1", "name": "$default",
			"accessLogSettings": settings(`$context.identity.sourceIp $context.routeKey $context.status`)}), true, "same"},
		{"WebSocket stage with request ID", res(v2StageType, "ws", map[string]any{"apiId": "w1", "name": "prod",
			"accessLogSettings": settings(`$context.connectionId $context.eventType $context.requestId`)}), false, "same"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var want []string
			if tt.flag {
				want = []string{"without a request ID"}
			}
			assertViolations(t, validate(t, policy.AccessLogRequestID(), tt.res, nil), tt.res, want...)
			if tt.cdk != "" {
				format := tt.res.Properties.Get("accessLogSettings").AsMap().Get("format").AsString()
				assert.Equal(t, tt.cdk == "same", tt.flag == !cdkRequestID.MatchString(format), "CDK's regex on %q", format)
			}
		})
	}
}

func TestAccessLogNotExecutionGroup(t *testing.T) {
	t.Parallel()
	settings := func(arn any) map[string]any { return map[string]any{"destinationArn": arn, "format": clfFormat} }
	const execARN = "arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Execution-Logs_a1b2c3d4e5/dev"
	flagged := []string{"API-Gateway-Execution-Logs_"}
	tests := []struct {
		name string
		res  policyx.AnalyzerResource
		want []string
	}{
		{"seed port log group", seedStage(settings(seedLogGroupARN)), nil},
		{"execution-log group", seedStage(settings(execARN)), flagged},
		{"execution-log group in another partition", seedStage(settings(
			"arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:API-Gateway-Execution-Logs_a1b2c3d4e5/dev")),
			flagged},
		{"a name that only mentions it", seedStage(settings(
			"arn:aws:logs:us-east-1:123456789012:log-group:/copy-of/API-Gateway-Execution-Logs_a1/dev")), nil},
		{"Firehose destination", seedStage(settings(
			"arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-seed")), nil},
		{"destination unknown at preview", seedStage(settings(unknown)), nil},
		{"HTTP stage to an execution-log group", res(v2StageType, "http", map[string]any{"apiId": "h1", "name": "$default",
			"accessLogSettings": settings("arn:aws:logs:eu-west-1:123456789012:log-group:API-Gateway-Execution-Logs_h1/x")}),
			flagged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertViolations(t, validate(t, policy.AccessLogNotExecutionGroup(), tt.res, nil), tt.res, tt.want...)
		})
	}
}

func TestRESTStageXRay(t *testing.T) {
	t.Parallel()
	withXRay := func(v any) policyx.AnalyzerResource {
		return res(restStageType, "seed-stage", map[string]any{"restApi": "a1", "stageName": "dev", "xrayTracingEnabled": v})
	}
	tests := []struct {
		name string
		res  policyx.AnalyzerResource
		want []string
	}{
		{"tracing on", withXRay(true), nil},
		{"tracing off", withXRay(false), []string{"Security Hub APIGateway.3"}},
		{"tracing off, Trivy's ID", withXRay(false), []string{"Trivy AVD-AWS-0003"}},
		{"seed port stage: not set", seedStage(nil), []string{"CKV_AWS_73"}},
		{"unknown at preview", withXRay(unknown), nil},
		{"V2 stages have no X-Ray", res(v2StageType, "http", map[string]any{"apiId": "h1"}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertViolations(t, validate(t, policy.RESTStageXRay(), tt.res, nil), tt.res, tt.want...)
		})
	}
}

// A secret format or destination is judged, but never printed.
func TestSecretsStayOutOfMessages(t *testing.T) {
	t.Parallel()
	const execARN = "arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Execution-Logs_a1b2c3d4e5/dev"
	stage := seedStage(map[string]any{
		"destinationArn": resource.MakeSecret(resource.NewProperty(execARN)),
		"format":         resource.MakeSecret(resource.NewProperty(seedFormat)),
	})
	for _, p := range []policyx.ResourceValidationPolicy{policy.AccessLogRequestID(), policy.AccessLogNotExecutionGroup()} {
		got := validate(t, p, stage, nil)
		require.Len(t, got, 1, p.Name())
		assert.Contains(t, got[0].message, "[secret]")
		assert.NotContains(t, got[0].message, "$context.identity.sourceIp")
		assert.NotContains(t, got[0].message, execARN)
	}
}
