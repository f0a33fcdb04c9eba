package tests

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// kmsKey=create and a 5XX alarm on a fresh account: the key's policy lets CloudWatch Logs use it for both
// groups (the simulated CloudWatch Logs checks it as AWS does), the queries and the alarm exist, and a second up
// changes nothing.
func TestKMSKeyQueriesAndAlarm(t *testing.T) {
	t.Parallel()
	acct := newAccount(80)
	dev := loadStack(t, acct, "dev")
	dev.Set("kmsKey", "create")
	dev.Set("executionLogging", "error")
	dev.Set("alarm5xxThreshold", "5")
	dev.Set("alarmTopicArn", "arn:aws:sns:us-east-1:"+acct.ID()+":api-alarms")
	preview := dev.Preview(t)
	require.NoError(t, preview.Err)
	res := dev.UpWithPlan(t, preview.Plan)
	require.NoError(t, res.Err)
	assertConverged(t, acct, dev)

	keys := acct.ObjectsOf(simaws.TypeKMSKey)
	require.Len(t, keys, 1)
	assert.Equal(t, keys[0].Str("arn"), dev.Output("kmsKeyArn"))
	for _, g := range []string{dev.Output("logGroupName"), dev.Output("executionLogGroupName")} {
		group := objectByID(t, acct, simaws.TypeLogGroup, g)
		assert.Equal(t, keys[0].Str("arn"), group.Str("kmsKeyId"), g)
	}
	assert.Len(t, acct.ObjectsOf(simaws.TypeQueryDefinition), 5)
	filters := acct.ObjectsOf(simaws.TypeMetricFilter)
	require.Len(t, filters, 1)
	assert.Equal(t, `{ $.status = "5*" }`, filters[0].Str("pattern"))
	assert.Equal(t, dev.Output("alarm5xxFilterPattern"), filters[0].Str("pattern"))
	alarms := acct.ObjectsOf(simaws.TypeMetricAlarm)
	require.Len(t, alarms, 1)
	assert.EqualValues(t, 5, alarms[0].Props.Get("threshold").AsNumber())
	require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "dev"))

	nWrites := len(writes(acct.Records()))
	res = up(t, dev)
	assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame], "%v", res.Steps)
	assert.Len(t, writes(acct.Records()), nWrites)

	// A custom CSV format rewrites the queries and the filter pattern in place.
	dev.Set("accessLogFormat", "$context.requestId,$context.identity.sourceIp,$context.httpMethod,$context.status,$context.responseLatency")
	res = up(t, dev)
	assert.Empty(t, res.StepsOf(deploy.OpReplace))
	assert.Contains(t, res.StepsOf(deploy.OpUpdate), simaws.TypeMetricFilter+"::access-logs-5xx")
	assert.Contains(t, res.StepsOf(deploy.OpUpdate), simaws.TypeQueryDefinition+"::access-logs-5xx-responses")
	filter := acct.ObjectsOf(simaws.TypeMetricFilter)[0]
	assert.True(t, strings.HasPrefix(filter.Str("pattern"), "%"), "a CSV pattern is a regex: %s", filter.Str("pattern"))
	query := objectByID(t, acct, simaws.TypeQueryDefinition, idOfQuery(t, acct, "5xx-responses"))
	assert.Contains(t, query.Str("queryString"), "parse @message")
}

func idOfQuery(t *testing.T, acct *simaws.Account, name string) string {
	t.Helper()
	for _, q := range acct.ObjectsOf(simaws.TypeQueryDefinition) {
		if strings.HasSuffix(q.Str("name"), "/"+name) {
			return q.ID
		}
	}
	require.FailNow(t, "no saved query "+name)
	return ""
}

// A key whose policy does not let CloudWatch Logs use it for the group fails the way AWS fails, and the key
// policy this project writes passes that same check.
func TestKeyWithoutTheLogsStatementFailsWithAWSsError(t *testing.T) {
	t.Parallel()
	acct := newAccount(81)
	other := loadStack(t, acct, "dev")
	other.Name = "keys"
	other.Program = func(ctx *pulumiContext) error {
		_, err := newKMSKey(ctx, "bare", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+acct.ID()+`:root"},"Action":"kms:*","Resource":"*"}]}`)
		return err
	}
	up(t, other)
	bare := acct.ObjectsOf(simaws.TypeKMSKey)[0].Str("arn")

	dev := loadStack(t, acct, "dev")
	dev.Set("kmsKey", bare)
	res := dev.Up(t)
	require.Error(t, res.Err)
	assert.Contains(t, strings.Join(res.Diagnostics(), "\n"), "AccessDeniedException: The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:us-east-1:"+acct.ID()+":log-group:/apigateway/apigw-access-logs/dev/access-logs'")

	// The statement this project writes is the one AWS needs.
	policy, err := apigwlogs.KeyPolicy("aws", "us-east-1", acct.ID(), []string{"/apigateway/apigw-access-logs/dev/access-logs"})
	require.NoError(t, err)
	require.True(t, json.Valid([]byte(policy)))
	fixed := loadStack(t, acct, "dev")
	fixed.Name = "keys2"
	fixed.Program = func(ctx *pulumiContext) error { _, err := newKMSKey(ctx, "good", policy); return err }
	up(t, fixed)
	var good string
	for _, k := range acct.ObjectsOf(simaws.TypeKMSKey) {
		if k.Str("arn") != bare {
			good = k.Str("arn")
		}
	}
	dev.Set("kmsKey", good)
	up(t, dev)
	require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "dev"))
}

// deleteOnDestroy false (prod): a destroy keeps the groups and their settings in the account; a new up of the
// same stack adopts them (imports) rather than failing with ResourceAlreadyExistsException.
func TestRetainedGroupsAreAdoptedByTheNextUp(t *testing.T) {
	t.Parallel()
	acct := newAccount(82)
	// An API that outlives the stack (deployed by its own pipeline), as execution-log group names carry its id.
	other := loadStack(t, acct, "dev")
	other.Name = "api"
	up(t, other)
	prod := loadStack(t, acct, "prod")
	prod.Set("apiId", restAPIID(t, other))
	prod.Set("executionLogging", "error")
	up(t, prod)
	groups := []string{prod.Output("logGroupName"), prod.Output("executionLogGroupName")}
	require.NoError(t, prod.Destroy(t).Err)
	for _, g := range groups {
		objectByID(t, acct, simaws.TypeLogGroup, g) // kept, with its logs
	}

	res := up(t, prod)
	imported := res.StepsOf(deploy.OpImport)
	assert.Contains(t, imported, simaws.TypeLogGroup+"::access-logs")
	assert.Contains(t, imported, simaws.TypeLogGroup+"::access-logs-execution")
	for _, g := range groups {
		n := 0
		for _, o := range acct.ObjectsOf(simaws.TypeLogGroup) {
			if o.ID == g {
				n++
			}
		}
		assert.Equal(t, 1, n, "no second %s", g)
	}
	res = up(t, prod)
	assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame])
	require.NoError(t, acct.LoggingHealth(restAPIID(t, prod), "prod"))
}

// The log class is fixed at creation: a change is a replacement, shown in the preview; with the groups kept on
// destroy the program stops up front instead (the old group would stay in the way), and with them deleted the
// replacement goes through. X-Ray updates the stage in place.
func TestLogClassReplacesAndXRayUpdatesInPlace(t *testing.T) {
	t.Parallel()
	acct := newAccount(83)
	dev := loadStack(t, acct, "dev") // retainLogGroupOnDestroy: false
	up(t, dev)
	dev.Set("logGroupClass", "INFREQUENT_ACCESS")
	preview := dev.Preview(t)
	require.NoError(t, preview.Err)
	assert.Contains(t, preview.StepsOf(deploy.OpReplace), simaws.TypeLogGroup+"::access-logs", "the preview shows the replacement")
	assert.Contains(t, strings.Join(preview.Logs, "\n"), "INFREQUENT_ACCESS", "and warns about the class")
	up(t, dev)
	group := objectByID(t, acct, simaws.TypeLogGroup, dev.Output("logGroupName"))
	assert.Equal(t, "INFREQUENT_ACCESS", group.Str("logGroupClass"))
	require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "dev"))

	kept := loadStack(t, acct, "prod") // retainLogGroupOnDestroy: true
	up(t, kept)
	kept.Set("logGroupClass", "INFREQUENT_ACCESS")
	res := kept.Preview(t)
	require.Error(t, res.Err)
	assert.Contains(t, strings.Join(res.Diagnostics(), "\n"), "the class is fixed at creation")

	dev.Set("xrayTracing", "true")
	r := up(t, dev)
	assert.Equal(t, []string{simaws.TypeStage + "::access-logs"}, r.StepsOf(deploy.OpUpdate))
	stage := objectByID(t, acct, simaws.TypeStage, "ags-"+restAPIID(t, dev)+"-dev")
	assert.True(t, stage.Props.Get("xrayTracingEnabled").AsBool())
}
