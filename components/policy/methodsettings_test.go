package policy_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"
)

// methodSettings is an aws.apigateway.MethodSettings for the seed port's stage.
func methodSettings(name, path string, settings map[string]any) policyx.AnalyzerResource {
	props := map[string]any{"restApi": "a1b2c3d4e5", "stageName": "dev", "methodPath": path}
	if settings != nil {
		props["settings"] = settings
	}
	return res(methodSettingsType, name, props)
}

func TestMethodSettingsLogging(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  policyx.AnalyzerResource
		want []string
	}{
		{"ERROR with metrics", methodSettings("all", "*/*", map[string]any{"loggingLevel": "ERROR", "metricsEnabled": true}), nil},
		{"INFO with metrics", methodSettings("all", "*/*", map[string]any{"loggingLevel": "INFO", "metricsEnabled": true}), nil},
		{"OFF", methodSettings("all", "*/*", map[string]any{"loggingLevel": "OFF", "metricsEnabled": true}),
			[]string{"CKV2_AWS_4"}},
		{"metrics off", methodSettings("all", "*/*", map[string]any{"loggingLevel": "INFO", "metricsEnabled": false}),
			[]string{"CKV2_AWS_4"}},
		{"nothing set", methodSettings("all", "*/*", map[string]any{}), []string{"CKV2_AWS_4", "CKV2_AWS_4"}},
		{"no settings", methodSettings("all", "*/*", nil), []string{"CKV2_AWS_4", "CKV2_AWS_4"}},
		{"unknown at preview", methodSettings("all", "*/*", map[string]any{"loggingLevel": unknown, "metricsEnabled": unknown}), nil},
		{"settings unknown at preview", res(methodSettingsType, "all", map[string]any{"settings": unknown}), nil},
		{"stages are not judged", seedStage(nil), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertViolations(t, validate(t, policy.MethodSettingsLogging(), tt.res, nil), tt.res, tt.want...)
		})
	}
}

func TestMethodSettingsNoDataTrace(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  policyx.AnalyzerResource
		want []string
	}{
		{"data trace off", methodSettings("all", "*/*", map[string]any{"loggingLevel": "INFO", "dataTraceEnabled": false}), nil},
		{"not set (off)", methodSettings("all", "*/*", map[string]any{"loggingLevel": "INFO"}), nil},
		{"data trace on", methodSettings("all", "*/*", map[string]any{"loggingLevel": "INFO", "dataTraceEnabled": true}),
			[]string{"Checkov CKV_AWS_276"}},
		{"unknown at preview", methodSettings("all", "*/*", map[string]any{"dataTraceEnabled": unknown}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertViolations(t, validate(t, policy.MethodSettingsNoDataTrace(), tt.res, nil), tt.res, tt.want...)
		})
	}
}
