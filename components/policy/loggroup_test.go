package policy_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"
)

// seedLogGroup is the seed port's aws.cloudwatch.LogGroup with retentionInDays (nil: not set).
func seedLogGroup(retention any) policyx.AnalyzerResource {
	props := map[string]any{"name": "/aws/apigateway/seed-access-logs"}
	if retention != nil {
		props["retentionInDays"] = retention
	}
	return res(logGroupType, "seed-access-logs", props)
}

func TestLogGroupRetention(t *testing.T) {
	t.Parallel()
	// JSON numbers, as the engine passes policy config.
	allowForever := map[string]any{"minimumRetentionDays": 365.0, "allowNeverExpire": true}
	tests := []struct {
		name   string
		res    policyx.AnalyzerResource
		config map[string]any
		want   []string
	}{
		{"a year", seedLogGroup(365), nil, nil},
		{"ten years", seedLogGroup(3653), nil, nil},
		{"seed port's week, default minimum", seedLogGroup(7), nil, []string{"Config cw-loggroup-retention-period-check"}},
		{"just under", seedLogGroup(180), nil, []string{"KICS ef0b316a"}},
		{"retention 0 when the minimum is set", seedLogGroup(0), nil, []string{"Checkov CKV_AWS_338"}},
		{"no retentionInDays: pulumi-aws's never expire", seedLogGroup(nil), nil, []string{"Security Hub CloudWatch.16"}},
		{"retention 0 with allowNeverExpire", seedLogGroup(0), allowForever, nil},
		{"no retentionInDays with allowNeverExpire", seedLogGroup(nil), allowForever, nil},
		{"allowNeverExpire does not lower the minimum", seedLogGroup(30), allowForever,
			[]string{"Prowler cloudwatch_log_group_retention_policy_specific_days_enabled"}},
		{"a team's shorter minimum", seedLogGroup(30), map[string]any{"minimumRetentionDays": 30.0}, nil},
		{"a team's longer minimum", seedLogGroup(365), map[string]any{"minimumRetentionDays": 731.0},
			[]string{"Control Tower CT.CLOUDWATCH.PR.2"}},
		{"minimum 0 turns the check off", seedLogGroup(nil), map[string]any{"minimumRetentionDays": 0.0}, nil},
		{"unknown at preview", seedLogGroup(unknown), nil, nil},
		{"the execution-log group is a log group too", res(logGroupType, "exec", map[string]any{
			"name": "API-Gateway-Execution-Logs_a1b2c3d4e5/dev"}), nil, []string{"Config cw-loggroup-retention-period-check"}},
		{"stages are not judged", seedStage(nil), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertViolations(t, validate(t, policy.LogGroupRetention(), tt.res, tt.config), tt.res, tt.want...)
		})
	}
}

// The messages say what is wrong: a short period, never-expire set explicitly, or never-expire by default.
func TestLogGroupRetentionMessages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  policyx.AnalyzerResource
		want string
	}{
		{"short", seedLogGroup(7), "keeps logs for 7 days, less than the minimum of 365"},
		{"zero", seedLogGroup(0), "retention 0 (never expire)"},
		{"missing", seedLogGroup(nil), "no retentionInDays, so pulumi-aws's default applies: never expire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validate(t, policy.LogGroupRetention(), tt.res, nil)
			require.Len(t, got, 1)
			assert.Contains(t, got[0].message, tt.want)
		})
	}
}

func TestLogGroupKMS(t *testing.T) {
	t.Parallel()
	const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	requireKMS := map[string]any{"requireKms": true}
	tests := []struct {
		name   string
		res    policyx.AnalyzerResource
		config map[string]any
		want   []string
	}{
		{"not required by default", seedLogGroup(365), nil, nil},
		{"required, seed port group has no key", seedLogGroup(365), requireKMS, []string{"Checkov CKV_AWS_158"}},
		{"required, empty key", res(logGroupType, "lg", map[string]any{"kmsKeyId": ""}), requireKMS, []string{"Trivy AVD-AWS-0017"}},
		{"required, key set", res(logGroupType, "lg", map[string]any{"kmsKeyId": key}), requireKMS, nil},
		{"required, key unknown at preview", res(logGroupType, "lg", map[string]any{"kmsKeyId": unknown}), requireKMS, nil},
		{"explicitly not required", seedLogGroup(365), map[string]any{"requireKms": false}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertViolations(t, validate(t, policy.LogGroupKMS(), tt.res, tt.config), tt.res, tt.want...)
		})
	}
}
