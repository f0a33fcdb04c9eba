package apigwlogs_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/mocks"
)

const (
	v2StageType        = "aws:apigatewayv2/stage:Stage"
	methodSettingsType = "aws:apigateway/methodSettings:MethodSettings"
	firehose           = "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs"
)

// An HTTP API stage: the http-json preset, $default allowed, autoDeploy without a deployment, detailed metrics
// in the route settings, and no account setting at all.
func TestHTTPStage(t *testing.T) {
	t.Parallel()
	rec, out, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		return &apigwlogs.AccessLoggingArgs{APIType: accesslog.HTTP, APIID: pulumi.String("h1b2c3d4e5"),
			StageName: pulumi.String("$default"), DetailedMetrics: true}
	})
	require.NoError(t, err)
	assert.Empty(t, rec.Reads(accountType), "HTTP APIs do not use the account setting")
	assert.Empty(t, rec.OfType(roleType))
	assert.Empty(t, rec.OfType(accountType))
	assert.Empty(t, rec.OfType("apigwlogs:index:Account"))
	assert.Empty(t, rec.OfType(stageType))
	stage := one(t, rec, v2StageType)
	group := one(t, rec, logGroupType)
	want, err := accesslog.Resolve("http-json", accesslog.HTTP)
	require.NoError(t, err)
	assert.Equal(t, "h1b2c3d4e5", stage.Input("apiId"))
	assert.Equal(t, "$default", stage.Input("name"))
	assert.Equal(t, true, stage.Input("autoDeploy"))
	assert.Equal(t, map[string]any{"destinationArn": group.Outputs["arn"].StringValue(), "format": want}, stage.Input("accessLogSettings"))
	assert.Equal(t, map[string]any{"detailedMetricsEnabled": true}, stage.Input("defaultRouteSettings"))
	parent, _ := rec.ByURN(stage.Parent)
	assert.Equal(t, "apigwlogs:index:HttpStage", parent.Type)
	assert.Equal(t, "none", out["accountAction"])
	assert.Equal(t, want, out["accessLogFormat"])
}

// A WebSocket stage with execution logging: the execution-log group is created with the access logs'
// retention, and the stage, whose route settings turn logging on, waits for it and for the account setting.
func TestWebSocketStageWithExecutionLogging(t *testing.T) {
	t.Parallel()
	rec, out, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		return &apigwlogs.AccessLoggingArgs{APIType: accesslog.WebSocket, APIID: pulumi.String("w1b2c3d4e5"),
			DeploymentID: pulumi.String("dep1"), StageName: pulumi.String("live"), RetentionInDays: pulumi.Int(30),
			ExecutionLogging: apigwlogs.ExecutionLoggingError, DataTrace: true}
	})
	require.NoError(t, err)
	stage := one(t, rec, v2StageType)
	var exec mocks.Resource
	for _, g := range rec.OfType(logGroupType) {
		if g.Name == "logs-execution" {
			exec = g
		}
	}
	require.NotEmpty(t, exec.URN, "no execution-log group")
	assert.Equal(t, "API-Gateway-Execution-Logs_w1b2c3d4e5/live", exec.Input("name"))
	assert.Equal(t, float64(30), exec.Input("retentionInDays"), "defaults to the access logs' retention")
	assert.True(t, stage.DependsOn(exec), "the stage turns logging on: it waits for the group")
	assert.True(t, stage.DependsOn(one(t, rec, accountType)), "WebSocket logging needs the account setting")
	assert.Equal(t, map[string]any{"loggingLevel": "ERROR", "dataTraceEnabled": true, "detailedMetricsEnabled": false},
		stage.Input("defaultRouteSettings"))
	assert.Equal(t, "dep1", stage.Input("deploymentId"))
	assert.Equal(t, "API-Gateway-Execution-Logs_w1b2c3d4e5/live", out["executionLogGroupName"])
}

// A REST stage with execution logging: method settings */* turn it on, after the execution-log group, the
// account setting and the stage.
func TestRESTStageWithExecutionLogging(t *testing.T) {
	t.Parallel()
	rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.ExecutionLogging, a.DetailedMetrics = apigwlogs.ExecutionLoggingInfo, true
		a.ExecutionLogRetentionInDays = pulumi.Int(365)
		return a
	})
	require.NoError(t, err)
	settings := one(t, rec, methodSettingsType)
	var exec mocks.Resource
	for _, g := range rec.OfType(logGroupType) {
		if g.Name == "logs-execution" {
			exec = g
		}
	}
	assert.Equal(t, "API-Gateway-Execution-Logs_a1b2c3d4e5/dev", exec.Input("name"))
	assert.Equal(t, float64(365), exec.Input("retentionInDays"))
	assert.Equal(t, "*/*", settings.Input("methodPath"))
	assert.Equal(t, "a1b2c3d4e5", settings.Input("restApi"))
	assert.Equal(t, "dev", settings.Input("stageName"))
	assert.Equal(t, map[string]any{"loggingLevel": "INFO", "dataTraceEnabled": false, "metricsEnabled": true}, settings.Input("settings"))
	assert.True(t, settings.DependsOn(exec), "logging is turned on only once the group exists")
	assert.True(t, settings.DependsOn(one(t, rec, accountType)))
	assert.True(t, settings.DependsOn(one(t, rec, stageType)))
	assert.False(t, one(t, rec, stageType).DependsOn(exec), "the stage itself need not wait for the group")
}

// Without execution logging or metrics there are no method settings and no execution-log group; metrics alone
// need method settings at level OFF and no group.
func TestRESTStageWithoutExecutionLogging(t *testing.T) {
	t.Parallel()
	rec, _, err := run(t, "dev", mocks.AWS(""), baseArgs)
	require.NoError(t, err)
	assert.Empty(t, rec.OfType(methodSettingsType))
	assert.Len(t, rec.OfType(logGroupType), 1)

	rec, _, err = run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.DetailedMetrics = true
		return a
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"loggingLevel": "OFF", "dataTraceEnabled": false, "metricsEnabled": true},
		one(t, rec, methodSettingsType).Input("settings"))
	assert.Len(t, rec.OfType(logGroupType), 1)
}

// REST access logs to Firehose: no access-log group; the stage's destination is the stream.
func TestRESTStageToFirehose(t *testing.T) {
	t.Parallel()
	rec, out, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.FirehoseStreamARN = pulumi.String(firehose)
		return a
	})
	require.NoError(t, err)
	assert.Empty(t, rec.OfType(logGroupType))
	assert.Empty(t, rec.OfType("apigwlogs:index:LogGroup"))
	assert.Equal(t, firehose, one(t, rec, stageType).Input("accessLogSettings").(map[string]any)["destinationArn"])
	assert.Empty(t, out["logGroupName"])
}

func TestAPITypeCombinationsAreRefusedUpFront(t *testing.T) {
	t.Parallel()
	http := func(a *apigwlogs.AccessLoggingArgs) { a.APIType = accesslog.HTTP }
	ws := func(a *apigwlogs.AccessLoggingArgs) { a.APIType = accesslog.WebSocket }
	tests := []struct {
		name    string
		mutate  []func(*apigwlogs.AccessLoggingArgs)
		wantErr string
	}{
		{"execution logging on HTTP", []func(*apigwlogs.AccessLoggingArgs){http, func(a *apigwlogs.AccessLoggingArgs) { a.ExecutionLogging = apigwlogs.ExecutionLoggingError }}, "not supported on protocolType HTTP"},
		{"data trace on HTTP", []func(*apigwlogs.AccessLoggingArgs){http, func(a *apigwlogs.AccessLoggingArgs) { a.DataTrace = true }}, "HTTP APIs have no execution logs"},
		{"Firehose on HTTP", []func(*apigwlogs.AccessLoggingArgs){http, func(a *apigwlogs.AccessLoggingArgs) { a.FirehoseStreamARN = pulumi.String(firehose) }}, "REST APIs only"},
		{"Firehose on WebSocket", []func(*apigwlogs.AccessLoggingArgs){ws, func(a *apigwlogs.AccessLoggingArgs) { a.FirehoseStreamARN = pulumi.String(firehose) }}, "REST APIs only"},
		{"manage on HTTP", []func(*apigwlogs.AccessLoggingArgs){http, func(a *apigwlogs.AccessLoggingArgs) { a.AccountSetting = apigwlogs.AccountManage }}, "do not use the API Gateway account setting"},
		{"stream name without the prefix", []func(*apigwlogs.AccessLoggingArgs){func(a *apigwlogs.AccessLoggingArgs) {
			a.FirehoseStreamARN = pulumi.String("arn:aws:firehose:us-east-1:123456789012:deliverystream/logs")
		}}, "amazon-apigateway-"},
		{"data trace without logging", []func(*apigwlogs.AccessLoggingArgs){func(a *apigwlogs.AccessLoggingArgs) { a.DataTrace = true }}, "dataTrace=true, executionLogging=off cannot be combined"},
		{"adopting with a computed API id", []func(*apigwlogs.AccessLoggingArgs){func(a *apigwlogs.AccessLoggingArgs) {
			a.APIID = pulumi.String("a1b2c3d4e5").ToStringOutput()
			a.ExecutionLogging, a.AdoptExecutionLogGroup = apigwlogs.ExecutionLoggingInfo, true
		}}, "known when the program runs"},
		{"unknown level", []func(*apigwlogs.AccessLoggingArgs){func(a *apigwlogs.AccessLoggingArgs) { a.ExecutionLogging = "debug" }}, `"debug"`},
		{"unknown API type", []func(*apigwlogs.AccessLoggingArgs){func(a *apigwlogs.AccessLoggingArgs) { a.APIType = "graphql" }}, `"graphql"`},
		{"$default on REST", []func(*apigwlogs.AccessLoggingArgs){func(a *apigwlogs.AccessLoggingArgs) { a.StageName = pulumi.String("$default") }}, `"$default"`},
		{"REST preset on WebSocket", []func(*apigwlogs.AccessLoggingArgs){ws, func(a *apigwlogs.AccessLoggingArgs) { a.AccessLogFormat = pulumi.String("clf") }}, "websocket-json"},
		{"HTTP format over 3 KB", []func(*apigwlogs.AccessLoggingArgs){http, func(a *apigwlogs.AccessLoggingArgs) {
			a.AccessLogFormat = pulumi.String("$context.requestId " + strings.Repeat("$context.status ", 200))
		}}, "3072"},
		{"WebSocket without deployment", []func(*apigwlogs.AccessLoggingArgs){ws, func(a *apigwlogs.AccessLoggingArgs) { a.DeploymentID = nil }}, "deploymentId: deploymentId is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
				a := baseArgs()
				for _, m := range tt.mutate {
					m(a)
				}
				return a
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Empty(t, rec.Resources(), "nothing may be registered or read")
		})
	}
}
