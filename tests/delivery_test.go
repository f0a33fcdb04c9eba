package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// deliveryStack is prod (execution logs at ERROR, a created KMS key, logs kept on destroy) delivering its
// execution logs to destination.
func deliveryStack(t *testing.T, acct *simaws.Account, destination string) *harness.Stack {
	t.Helper()
	s := loadStack(t, acct, "prod")
	s.Set("executionLogDestination", destination)
	return s
}

// assertDelivered checks the delivery in the account: one source for the stage, of log type EXECUTION_LOGS,
// with the account id in its resource ARN; one destination writing to want; one delivery linking them; and
// the waits AWS needs: the source after the method settings, the delivery after its source, destination and
// (for a log group) the resource policy.
func assertDelivered(t *testing.T, acct *simaws.Account, s *harness.Stack, res *harness.Result, want string) {
	t.Helper()
	sources := acct.ObjectsOf(simaws.TypeLogDeliverySource)
	require.Len(t, sources, 1)
	assert.Equal(t, "EXECUTION_LOGS", sources[0].Str("logType"))
	assert.Equal(t, "arn:aws:apigateway:us-east-1:"+acct.ID()+":/restapis/"+restAPIID(t, s)+"/stages/prod",
		sources[0].Str("resourceArn"))
	destinations := acct.ObjectsOf(simaws.TypeLogDeliveryDestination)
	require.Len(t, destinations, 1)
	got, _ := destinations[0].Props.Get("deliveryDestinationConfiguration").AsMap().GetOk("destinationResourceArn")
	assert.Equal(t, want, got.AsString())
	assert.Equal(t, want, s.Output("executionLogDestinationArn"))
	deliveries := acct.ObjectsOf(simaws.TypeLogDelivery)
	require.Len(t, deliveries, 1)
	assert.Equal(t, sources[0].ID, deliveries[0].Str("deliverySourceName"))
	assert.Equal(t, destinations[0].Str("arn"), deliveries[0].Str("deliveryDestinationArn"))

	records := during(acct, s, res)
	end := func(typ string) (e int64) {
		for _, r := range records {
			if r.Type == typ && (r.Op == simaws.OpCreate || r.Op == simaws.OpUpdate) && r.End.UnixNano() > e {
				e = r.End.UnixNano()
			}
		}
		return e
	}
	for _, r := range records {
		switch {
		case r.Type == simaws.TypeLogDeliverySource && r.Op == simaws.OpCreate:
			assert.GreaterOrEqual(t, r.Start.UnixNano(), end(simaws.TypeMethodSettings), "the source waits for the method settings")
		case r.Type == simaws.TypeLogDelivery && r.Op == simaws.OpCreate:
			for _, typ := range []string{simaws.TypeLogDeliverySource, simaws.TypeLogDeliveryDestination, simaws.TypeLogResourcePolicy} {
				assert.GreaterOrEqual(t, r.Start.UnixNano(), end(typ), "the delivery waits for %s", typ)
			}
		}
	}
	assertOrdering(t, records)
}

// Each kind of destination: a log group the stack creates (named apart from the access-log group, encrypted
// with the created key, kept on destroy), an existing log group, an S3 bucket and a Firehose stream. The
// standard group is still created first, with retention. A second up changes nothing.
func TestExecutionLogDeliveryToEachDestination(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		// destination seeds the destination in the account and returns the config value and the ARN the
		// delivery writes to ("" for create: the created group's).
		destination func(acct *simaws.Account) (string, string)
	}{
		{"create", func(*simaws.Account) (string, string) { return "create", "" }},
		{"existing log group", func(acct *simaws.Account) (string, string) {
			acct.SeedLogGroup("/platform/execution-logs", 30)
			arn := "arn:aws:logs:us-east-1:" + acct.ID() + ":log-group:/platform/execution-logs"
			return arn, arn
		}},
		{"S3 bucket", func(acct *simaws.Account) (string, string) {
			arn := acct.SeedBucket("platform-execution-logs", true)
			return arn, arn
		}},
		{"Firehose stream", func(acct *simaws.Account) (string, string) {
			arn := acct.SeedDeliveryStream("execution-logs")
			return arn, arn
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			acct := newAccount(101)
			value, want := tc.destination(acct)
			s := deliveryStack(t, acct, value)
			res := up(t, s)
			if value == "create" {
				want = "arn:aws:logs:us-east-1:" + acct.ID() + ":log-group:/apigateway/apigw-access-logs/prod/access-logs/execution"
				group := objectByID(t, acct, simaws.TypeLogGroup, "/apigateway/apigw-access-logs/prod/access-logs/execution")
				assert.Equal(t, configValue(t, s, "retentionInDays"), fmt.Sprint(group.Props.Get("retentionInDays").AsNumber()))
				assert.Equal(t, s.Output("kmsKeyArn"), group.Str("kmsKeyId"), "the created key encrypts it")
				policy := acct.ObjectsOf(simaws.TypeKMSKey)[0].Str("policy")
				assert.Contains(t, policy, want, "and its policy names it")
			}
			assertDelivered(t, acct, s, res, want)
			logGroupPolicies := acct.ObjectsOf(simaws.TypeLogResourcePolicy)
			if strings.Contains(want, ":log-group:") {
				require.Len(t, logGroupPolicies, 1, "a log group destination gets the policy that lets delivery write")
				assert.Contains(t, logGroupPolicies[0].Str("policyDocument"), want+":log-stream:*")
			} else {
				assert.Empty(t, logGroupPolicies, "AWS grants a bucket or a stream itself")
			}
			// The standard group exists too, with retention: API Gateway writes it whenever no delivery exists.
			standard := objectByID(t, acct, simaws.TypeLogGroup, s.Output("executionLogGroupName"))
			assert.Equal(t, configValue(t, s, "retentionInDays"), fmt.Sprint(standard.Props.Get("retentionInDays").AsNumber()))

			res = up(t, s)
			assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame], "%v", res.Steps)

			// A destroy keeps the created group, as it keeps the access logs.
			require.NoError(t, s.Destroy(t).Err)
			assert.Empty(t, acct.ObjectsOf(simaws.TypeLogDelivery))
			if value == "create" {
				objectByID(t, acct, simaws.TypeLogGroup, "/apigateway/apigw-access-logs/prod/access-logs/execution")
			}
		})
	}
}

// A change of destination: another log group of the same kind updates the destination in place; another kind
// is a new destination and a new delivery, created before the old ones go.
func TestExecutionLogDeliveryChangesDestination(t *testing.T) {
	t.Parallel()
	acct := newAccount(102)
	acct.SeedLogGroup("/platform/a", 30)
	acct.SeedLogGroup("/platform/b", 30)
	group := func(name string) string { return "arn:aws:logs:us-east-1:" + acct.ID() + ":log-group:" + name }
	s := deliveryStack(t, acct, group("/platform/a"))
	up(t, s)

	s.Set("executionLogDestination", group("/platform/b"))
	res := up(t, s)
	assert.Contains(t, res.StepsOf(deploy.OpUpdate), simaws.TypeLogDeliveryDestination+"::access-logs-destination")
	assert.Empty(t, res.StepsOf(deploy.OpReplace))
	assertDelivered(t, acct, s, res, group("/platform/b"))

	bucket := acct.SeedBucket("platform-logs", true)
	s.Set("executionLogDestination", bucket)
	res = up(t, s)
	for _, replaced := range []string{simaws.TypeLogDeliveryDestination + "::access-logs-destination",
		simaws.TypeLogDelivery + "::access-logs"} {
		assert.Contains(t, res.StepsOf(deploy.OpCreateReplacement), replaced, "created before the old one goes")
	}
	assertDelivered(t, acct, s, res, bucket)

	res = up(t, s)
	assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame], "%v", res.Steps)
}
