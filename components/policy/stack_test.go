package policy_test

import (
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"
)

var (
	apiURN  = urn(restAPIType, "api")
	allInfo = map[string]any{"loggingLevel": "INFO", "metricsEnabled": true}
)

// previewStage is a REST stage of a REST API not created yet: its restApi is unknown, computed from the API.
func previewStage(name, stageName string) policyx.AnalyzerResource {
	return withDeps(res(restStageType, name, map[string]any{"restApi": unknown, "stageName": stageName,
		"accessLogSettings": map[string]any{"destinationArn": unknown, "format": clfFormat}}), "restApi", apiURN)
}

// previewMethodSettings are method settings of stage s at preview: restApi and stageName computed from the API
// and the stage.
func previewMethodSettings(name string, s policyx.AnalyzerResource, settings map[string]any) policyx.AnalyzerResource {
	ms := res(methodSettingsType, name, map[string]any{"restApi": unknown, "stageName": unknown,
		"methodPath": "*/*", "settings": settings})
	return withDeps(withDeps(ms, "restApi", apiURN), "stageName", s.URN)
}

// assertStackViolations checks that a stack policy flagged exactly the resources flagged, in order, each with a
// message naming it and the rule ID and with its URN.
func assertStackViolations(t *testing.T, got []violation, flagged []policyx.AnalyzerResource, ruleID string) {
	t.Helper()
	require.Len(t, got, len(flagged), "got %v", got)
	for i, r := range flagged {
		assertViolations(t, got[i:i+1], r, ruleID)
		assert.Equal(t, r.URN, got[i].urn, "violation %d is %s's", i, r.Name)
	}
}

func TestStageExecutionLogging(t *testing.T) {
	t.Parallel()
	dev, prod := previewStage("dev", "dev"), previewStage("prod", "prod")
	wsAPI := res(v2APIType, "chat", map[string]any{"protocolType": "WEBSOCKET", "id": "w1"})
	httpAPI := res(v2APIType, "orders", map[string]any{"protocolType": "HTTP"})
	v2Stage := func(api policyx.AnalyzerResource, settings map[string]any) policyx.AnalyzerResource {
		props := map[string]any{"apiId": unknown, "name": "prod"}
		if settings != nil {
			props["defaultRouteSettings"] = settings
		}
		return withDeps(res(v2StageType, api.Name+"-prod", props), "apiId", api.URN)
	}
	tests := []struct {
		name      string
		resources []policyx.AnalyzerResource
		flagged   []policyx.AnalyzerResource
	}{
		{"seed port stage with */* method settings",
			[]policyx.AnalyzerResource{seedStage(nil), methodSettings("all", "*/*", allInfo)}, nil},
		{"ERROR is enough", []policyx.AnalyzerResource{seedStage(nil),
			methodSettings("all", "*/*", map[string]any{"loggingLevel": "ERROR"})}, nil},
		{"seed port stage alone", []policyx.AnalyzerResource{seedStage(nil)}, []policyx.AnalyzerResource{seedStage(nil)}},
		{"logging OFF", []policyx.AnalyzerResource{seedStage(nil),
			methodSettings("all", "*/*", map[string]any{"loggingLevel": "OFF"})}, []policyx.AnalyzerResource{seedStage(nil)}},
		{"one method only", []policyx.AnalyzerResource{seedStage(nil), methodSettings("get", "orders/GET", allInfo)},
			[]policyx.AnalyzerResource{seedStage(nil)}},
		{"method settings of another API", []policyx.AnalyzerResource{seedStage(nil),
			res(methodSettingsType, "other", map[string]any{"restApi": "zzz", "stageName": "dev", "methodPath": "*/*",
				"settings": allInfo})}, []policyx.AnalyzerResource{seedStage(nil)}},
		{"method settings of another stage", []policyx.AnalyzerResource{seedStage(nil),
			res(methodSettingsType, "other", map[string]any{"restApi": "a1b2c3d4e5", "stageName": "prod",
				"methodPath": "*/*", "settings": allInfo})}, []policyx.AnalyzerResource{seedStage(nil)}},
		{"preview: computed from the stage and the API", []policyx.AnalyzerResource{dev,
			previewMethodSettings("dev-all", dev, allInfo)}, nil},
		{"preview: level unknown", []policyx.AnalyzerResource{dev,
			previewMethodSettings("dev-all", dev, map[string]any{"loggingLevel": unknown})}, nil},
		{"preview: two stages, settings for one", []policyx.AnalyzerResource{dev, prod,
			previewMethodSettings("dev-all", dev, allInfo)}, []policyx.AnalyzerResource{prod}},
		{"WebSocket stage logging INFO", []policyx.AnalyzerResource{wsAPI, v2Stage(wsAPI, allInfo)}, nil},
		{"WebSocket stage without route settings", []policyx.AnalyzerResource{wsAPI, v2Stage(wsAPI, nil)},
			[]policyx.AnalyzerResource{v2Stage(wsAPI, nil)}},
		{"WebSocket stage logging OFF", []policyx.AnalyzerResource{wsAPI, v2Stage(wsAPI, map[string]any{"loggingLevel": "OFF"})},
			[]policyx.AnalyzerResource{v2Stage(wsAPI, map[string]any{"loggingLevel": "OFF"})}},
		{"WebSocket API found by its id", []policyx.AnalyzerResource{wsAPI,
			res(v2StageType, "by-id", map[string]any{"apiId": "w1", "name": "prod"})},
			[]policyx.AnalyzerResource{res(v2StageType, "by-id", nil)}},
		{"HTTP stages have no execution logs", []policyx.AnalyzerResource{httpAPI, v2Stage(httpAPI, nil)}, nil},
		{"V2 stage of an API outside the stack", []policyx.AnalyzerResource{
			res(v2StageType, "elsewhere", map[string]any{"apiId": "x9", "name": "prod"})}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validateStack(t, policy.StageExecutionLogging(), tt.resources...)
			assertStackViolations(t, got, tt.flagged, "Security Hub APIGateway.1")
			for _, v := range got {
				assert.Contains(t, v.message, "Control Tower CT.APIGATEWAY.PR.1")
			}
		})
	}
}

func TestExecutionLogGroupDefined(t *testing.T) {
	t.Parallel()
	dev, prod := previewStage("dev", "dev"), previewStage("prod", "prod")
	group := func(name string) policyx.AnalyzerResource {
		return res(logGroupType, "exec", map[string]any{"name": name, "retentionInDays": 365})
	}
	previewGroup := withDeps(res(logGroupType, "exec", map[string]any{"name": unknown, "retentionInDays": 365}),
		"name", apiURN)
	otherAPIGroup := withDeps(res(logGroupType, "exec", map[string]any{"name": unknown, "retentionInDays": 365}),
		"name", urn(restAPIType, "other"))
	on := methodSettings("all", "*/*", allInfo)
	delivery := res("aws:cloudwatch/logDeliverySource:LogDeliverySource", "exec-source", map[string]any{
		"name": "seed", "logType": "EXECUTION_LOGS",
		"resourceArn": "arn:aws:apigateway:us-east-1:123456789012:/restapis/a1b2c3d4e5/stages/dev"})
	tests := []struct {
		name      string
		resources []policyx.AnalyzerResource
		flagged   []policyx.AnalyzerResource
	}{
		{"seed port stage with its execution-log group", []policyx.AnalyzerResource{seedStage(nil), on,
			group("API-Gateway-Execution-Logs_a1b2c3d4e5/dev")}, nil},
		{"seed port stage without it", []policyx.AnalyzerResource{seedStage(nil), on, group("/aws/apigateway/seed")},
			[]policyx.AnalyzerResource{seedStage(nil)}},
		{"the group of another stage", []policyx.AnalyzerResource{seedStage(nil), on,
			group("API-Gateway-Execution-Logs_a1b2c3d4e5/prod")}, []policyx.AnalyzerResource{seedStage(nil)}},
		{"the group of another API", []policyx.AnalyzerResource{seedStage(nil), on,
			group("API-Gateway-Execution-Logs_zzz/dev")}, []policyx.AnalyzerResource{seedStage(nil)}},
		{"delivered execution logs and the standard group", []policyx.AnalyzerResource{seedStage(nil), on,
			group("API-Gateway-Execution-Logs_a1b2c3d4e5/dev"), delivery}, nil},
		{"delivered execution logs without the standard group", []policyx.AnalyzerResource{seedStage(nil), on,
			delivery}, []policyx.AnalyzerResource{seedStage(nil)}},
		{"execution logging off: nothing to keep", []policyx.AnalyzerResource{seedStage(nil),
			methodSettings("all", "*/*", map[string]any{"loggingLevel": "OFF"})}, nil},
		{"no method settings: nothing to keep", []policyx.AnalyzerResource{seedStage(nil)}, nil},
		{"preview: group name computed from the API", []policyx.AnalyzerResource{dev,
			previewMethodSettings("dev-all", dev, allInfo), previewGroup}, nil},
		{"preview: group name computed from another API", []policyx.AnalyzerResource{dev,
			previewMethodSettings("dev-all", dev, allInfo), otherAPIGroup}, []policyx.AnalyzerResource{dev}},
		{"preview: group known, stage's API unknown", []policyx.AnalyzerResource{dev, prod,
			previewMethodSettings("dev-all", dev, allInfo), previewMethodSettings("prod-all", prod, allInfo),
			group("API-Gateway-Execution-Logs_a1b2c3d4e5/dev")}, []policyx.AnalyzerResource{prod}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validateStack(t, policy.ExecutionLogGroupDefined(), tt.resources...)
			assertStackViolations(t, got, tt.flagged, "KICS 982aa526")
			if len(got) > 0 && slices.ContainsFunc(tt.resources, func(r policyx.AnalyzerResource) bool { return r.URN == delivery.URN }) {
				assert.Contains(t, got[0].message, "a delivery of execution logs does not replace it")
			}
		})
	}
}
