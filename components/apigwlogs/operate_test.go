package apigwlogs_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/mocks"
)

func groupNamed(t *testing.T, rec *mocks.Recorder, name string) mocks.Resource {
	t.Helper()
	for _, g := range rec.OfType(logGroupType) {
		if g.Name == name {
			return g
		}
	}
	require.FailNow(t, "no log group "+name)
	return mocks.Resource{}
}

// kmsKey create: one rotated key whose policy lets CloudWatch Logs in the region use it for exactly the two
// groups, kept like the logs; both groups are encrypted with it.
func TestCreatedKMSKeyEncryptsBothGroups(t *testing.T) {
	t.Parallel()
	rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.KMSKey, a.ExecutionLogging = pulumi.String(apigwlogs.KMSKeyCreate), apigwlogs.ExecutionLoggingError
		return a
	})
	require.NoError(t, err)
	key := one(t, rec, keyType)
	assert.Equal(t, true, key.Input("enableKeyRotation"))
	assert.True(t, key.RetainOnDelete, "the key is kept like the logs it encrypts")
	var policy struct {
		Statement []struct {
			Sid       string
			Principal map[string]string
			Action    any
			Condition map[string]map[string][]string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(key.Input("policy").(string)), &policy))
	require.Len(t, policy.Statement, 2)
	assert.Equal(t, "arn:aws:iam::123456789012:root", policy.Statement[0].Principal["AWS"])
	logs := policy.Statement[1]
	assert.Equal(t, "logs.us-east-1.amazonaws.com", logs.Principal["Service"])
	assert.ElementsMatch(t, []any{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"}, logs.Action)
	assert.Equal(t, []string{
		"arn:aws:logs:us-east-1:123456789012:log-group:/apigateway/proj/dev/logs",
		"arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Execution-Logs_a1b2c3d4e5/dev",
	}, logs.Condition["ArnLike"]["kms:EncryptionContext:aws:logs:arn"])
	for _, g := range []string{"logs", "logs-execution"} {
		group := groupNamed(t, rec, g)
		assert.Equal(t, key.Outputs["arn"].StringValue(), group.Input("kmsKeyId"), g)
		assert.True(t, group.DependsOn(key), "%s waits for its key", g)
	}
}

// DeleteOnDestroy: groups and key go with the stack; by default all three are kept.
func TestDeleteOnDestroy(t *testing.T) {
	t.Parallel()
	rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.KMSKey, a.ExecutionLogging, a.DeleteOnDestroy = pulumi.String(apigwlogs.KMSKeyCreate), apigwlogs.ExecutionLoggingInfo, true
		return a
	})
	require.NoError(t, err)
	assert.False(t, one(t, rec, keyType).RetainOnDelete)
	assert.False(t, groupNamed(t, rec, "logs").RetainOnDelete)
	assert.False(t, groupNamed(t, rec, "logs-execution").RetainOnDelete)
}

// The saved queries and the 5XX alarm are written from the format: the json preset's five queries, and a
// metric filter whose pattern is insights' for that format, feeding an alarm that notifies the topic.
func TestQueriesAndAlarmFollowTheFormat(t *testing.T) {
	t.Parallel()
	const topic = "arn:aws:sns:us-east-1:123456789012:api-alarms"
	for _, format := range []string{"json", "$context.requestId,$context.identity.sourceIp,$context.status,$context.responseLatency"} {
		rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
			a := baseArgs()
			a.AccessLogFormat, a.Alarm5XXThreshold, a.AlarmTopicARN = pulumi.String(format), 5, pulumi.String(topic)
			return a
		})
		require.NoError(t, err)
		resolved, err := accesslog.Resolve(format, accesslog.REST)
		require.NoError(t, err)
		queries, _, err := insights.Queries(resolved, accesslog.REST)
		require.NoError(t, err)
		defs := rec.OfType(queryType)
		require.Len(t, defs, len(queries), format)
		group := groupNamed(t, rec, "logs")
		for _, q := range queries {
			var def mocks.Resource
			for _, d := range defs {
				if d.Name == "logs-"+q.Name {
					def = d
				}
			}
			require.NotEmpty(t, def.URN, q.Name)
			assert.Equal(t, q.Text, def.Input("queryString"))
			assert.Equal(t, "proj/dev/logs/"+q.Name, def.Input("name"))
			assert.Equal(t, []any{"/apigateway/proj/dev/logs"}, def.Input("logGroupNames"))
			assert.True(t, def.DependsOn(group))
		}
		pattern, err := insights.FilterPattern5XX(resolved, accesslog.REST)
		require.NoError(t, err)
		filter := one(t, rec, filterType)
		assert.Equal(t, pattern, filter.Input("pattern"))
		assert.Equal(t, "/apigateway/proj/dev/logs", filter.Input("logGroupName"))
		alarm := one(t, rec, alarmType)
		assert.Equal(t, float64(5), alarm.Input("threshold"))
		assert.Equal(t, float64(300), alarm.Input("period"))
		assert.Equal(t, "Sum", alarm.Input("statistic"))
		assert.Equal(t, []any{topic}, alarm.Input("alarmActions"))
		assert.Equal(t, filter.Input("metricTransformation").(map[string]any)["name"], alarm.Input("metricName"))
		assert.Equal(t, filter.Input("metricTransformation").(map[string]any)["namespace"], alarm.Input("namespace"))
		assert.True(t, alarm.DependsOn(filter))
	}
}

func TestQueriesOffAndAlarmOffByDefault(t *testing.T) {
	t.Parallel()
	rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.DisableSavedQueries = true
		return a
	})
	require.NoError(t, err)
	assert.Empty(t, rec.OfType(queryType))
	assert.Empty(t, rec.OfType(filterType))
	assert.Empty(t, rec.OfType(alarmType))
}

func TestLogClassAndXRay(t *testing.T) {
	t.Parallel()
	rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.LogGroupClass, a.XRayTracing = apigwlogs.LogGroupClassInfrequentAccess, true
		return a
	})
	require.NoError(t, err)
	assert.Equal(t, "INFREQUENT_ACCESS", groupNamed(t, rec, "logs").Input("logGroupClass"))
	assert.Equal(t, true, one(t, rec, stageType).Input("xrayTracingEnabled"))
}

func TestOperatingOptionsRefusedUpFront(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mutate  func(*apigwlogs.AccessLoggingArgs)
		wantErr string
	}{
		{"alarm on an IA group", func(a *apigwlogs.AccessLoggingArgs) {
			a.LogGroupClass, a.Alarm5XXThreshold = apigwlogs.LogGroupClassInfrequentAccess, 1
		}, "INFREQUENT_ACCESS log groups do not support"},
		{"unknown class", func(a *apigwlogs.AccessLoggingArgs) { a.LogGroupClass = "COLD" }, `"COLD"`},
		{"negative threshold", func(a *apigwlogs.AccessLoggingArgs) { a.Alarm5XXThreshold = -1 }, "threshold -1"},
		{"topic without alarm", func(a *apigwlogs.AccessLoggingArgs) {
			a.AlarmTopicARN = pulumi.String("arn:aws:sns:us-east-1:123456789012:t")
		}, "alarm, which is off"},
		{"bad topic", func(a *apigwlogs.AccessLoggingArgs) {
			a.Alarm5XXThreshold, a.AlarmTopicARN = 1, pulumi.String("topic")
		}, `SNS topic ARN "topic"`},
		{"key neither create nor an ARN", func(a *apigwlogs.AccessLoggingArgs) {
			a.KMSKey = pulumi.String("alias/logs")
		}, `kmsKey: KMS key ARN "alias/logs" is not allowed`},
		{"X-Ray on HTTP", func(a *apigwlogs.AccessLoggingArgs) { a.APIType, a.XRayTracing = accesslog.HTTP, true }, "apiType=http, xrayTracing=true"},
		{"alarm with Firehose", func(a *apigwlogs.AccessLoggingArgs) {
			a.FirehoseStreamARN, a.Alarm5XXThreshold = pulumi.String(firehose), 1
		}, "no access-log group"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
				a := baseArgs()
				tt.mutate(a)
				return a
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Empty(t, rec.Resources())
		})
	}
}
