package tests

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// apiTypeCase is one API type with the config that exercises it.
type apiTypeCase struct {
	apiType string
	cfg     map[string]string
	// stageType is the stage's resource type; settingsType the resource that turns execution logging on (the
	// stage itself for WebSocket), "" for none.
	stageType, settingsType string
	// account: the stack reads and (on a fresh account) writes the account setting.
	account bool
}

var apiTypeCases = []apiTypeCase{
	{apiType: "rest", cfg: map[string]string{"executionLogging": "info", "detailedMetrics": "true"},
		stageType: simaws.TypeStage, settingsType: simaws.TypeMethodSettings, account: true},
	{apiType: "http", cfg: map[string]string{"detailedMetrics": "true", "stageName": "$default"},
		stageType: simaws.TypeV2Stage},
	{apiType: "websocket", cfg: map[string]string{"executionLogging": "error"},
		stageType: simaws.TypeV2Stage, settingsType: simaws.TypeV2Stage, account: true},
}

// apiStack returns a dev stack of an API type on acct.
func apiStack(t *testing.T, acct *simaws.Account, c apiTypeCase) *harness.Stack {
	t.Helper()
	s := loadStack(t, acct, "dev")
	s.Set("apiType", c.apiType)
	for k, v := range c.cfg {
		s.Set(k, v)
	}
	return s
}

// stageName is the stage a case deploys.
func (c apiTypeCase) stageName() string {
	if n, ok := c.cfg["stageName"]; ok {
		return n
	}
	return "dev"
}

// assertGroupsKeepLogs checks that every log group in the account has a retention: no group without one (the
// kind API Gateway creates itself) is ever left behind.
func assertGroupsKeepLogs(t *testing.T, acct *simaws.Account) {
	t.Helper()
	for _, g := range acct.ObjectsOf(simaws.TypeLogGroup) {
		d, ok := g.Props.GetOk("retentionInDays")
		assert.True(t, ok && d.IsNumber() && d.AsNumber() > 0, "log group %s has no retention", g.ID)
	}
}

// Each API type: a fresh up logs, in AWS's order (the execution-log group exists, with retention, before the
// setting that turns execution logging on); the preview planned exactly that; a second up changes nothing;
// changing both retentions updates both groups in place.
func TestAPITypesUpPreviewSecondUpRetention(t *testing.T) {
	t.Parallel()
	for i, c := range apiTypeCases {
		t.Run(c.apiType, func(t *testing.T) {
			t.Parallel()
			acct := newAccount(uint64(40 + i))
			dev := apiStack(t, acct, c)
			preview := dev.Preview(t)
			require.NoError(t, preview.Err)
			res := dev.UpWithPlan(t, preview.Plan)
			require.NoError(t, res.Err, "the update deviated from the preview's plan")
			assert.Equal(t, preview.StepsOf(deploy.OpCreate), res.StepsOf(deploy.OpCreate))
			assertConverged(t, acct, dev)
			apiID := restAPIID(t, dev)
			require.NoError(t, acct.LoggingHealth(apiID, c.stageName()), "%s access logs would not arrive", c.apiType)

			var types []string
			for _, s := range res.ResourceSteps() {
				types = append(types, s.Type)
			}
			for _, typ := range iamAndSetting {
				assert.Equal(t, c.account, slices.Contains(types, typ), "%s creates %s: %v", c.apiType, typ, c.account)
			}
			assert.Equal(t, c.account, len(preview.Reads()) == 1, "%s reads the account setting", c.apiType)

			// The sample line is in the API type's format and parses back with it.
			fields, err := accesslog.Parse(dev.Output("accessLogFormat"), dev.Output("sampleAccessLogLine"))
			require.NoError(t, err)
			assert.Equal(t, accesslog.Example(accesslog.RequestID), fields["requestId"])

			execName := dev.Output("executionLogGroupName")
			if c.settingsType != "" {
				assert.Equal(t, simaws.ExecutionLogGroupName(apiID, c.stageName()), execName)
				group := objectByID(t, acct, simaws.TypeLogGroup, execName)
				assert.Equal(t, dev.Name, group.Stack, "the stack created the execution-log group, not API Gateway")
				assert.EqualValues(t, 7, group.Props.Get("retentionInDays").AsNumber(), "defaults to retentionInDays")
				assertCreatedBefore(t, during(acct, dev, res), simaws.TypeLogGroup, execName, c.settingsType)
			} else {
				assert.Empty(t, execName)
			}
			assertGroupsKeepLogs(t, acct)

			// Second up: nothing changes.
			nWrites := len(writes(acct.Records()))
			res = up(t, dev)
			assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame], "%v", res.Steps)
			assert.Len(t, writes(acct.Records()), nWrites)

			// Both retentions update in place.
			dev.Set("retentionInDays", "30")
			dev.Set("executionLogRetentionInDays", "90")
			res = up(t, dev)
			var updated []string
			for _, s := range res.ResourceSteps() {
				if s.Op == deploy.OpUpdate {
					updated = append(updated, s.Name)
					assert.Equal(t, simaws.TypeLogGroup, s.Type, "%s", s)
				}
			}
			wantUpdates := 1
			if c.settingsType != "" {
				wantUpdates = 2
			}
			assert.Len(t, updated, wantUpdates, "in-place updates: %v", updated)
			assert.Empty(t, res.StepsOf(deploy.OpReplace))
			assert.EqualValues(t, 30, objectByID(t, acct, simaws.TypeLogGroup, dev.Output("logGroupName")).Props.Get("retentionInDays").AsNumber())
			if c.settingsType != "" {
				assert.EqualValues(t, 90, objectByID(t, acct, simaws.TypeLogGroup, execName).Props.Get("retentionInDays").AsNumber())
			}
		})
	}
}

// assertCreatedBefore checks, from the records of one operation, that the object typ/id was created before
// anything of type later was created or updated.
func assertCreatedBefore(t *testing.T, records []simaws.Record, typ, id, later string) {
	t.Helper()
	var created *simaws.Record
	for i, r := range records {
		if r.Type == typ && r.ID == id && r.Op == simaws.OpCreate && r.Err == "" {
			created = &records[i]
		}
	}
	require.NotNil(t, created, "%s %s was not created", typ, id)
	n := 0
	for _, r := range records {
		if r.Type == later && (r.Op == simaws.OpCreate || r.Op == simaws.OpUpdate) {
			n++
			assert.False(t, r.Start.Before(created.End), "%s %s started before %s %s was created", r.Type, r.Name, typ, id)
		}
	}
	assert.NotZero(t, n, "no %s was written", later)
}

// An HTTP API stack never touches the account setting: no read, no role, no setting, and it logs.
func TestHTTPStackHasNoAccountSettingAndNoRole(t *testing.T) {
	t.Parallel()
	acct := newAccount(50)
	dev := apiStack(t, acct, apiTypeCases[1])
	res := up(t, dev)
	assert.Empty(t, res.Reads())
	for _, r := range during(acct, dev, res) {
		assert.NotContains(t, iamAndSetting, r.Type)
	}
	assert.Empty(t, acct.ObjectsOf(simaws.TypeRole))
	assert.Empty(t, acct.CloudWatchRoleARN())
	assert.Equal(t, "none", dev.Output("accountAction"))
	require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "$default"))
	assert.True(t, strings.HasPrefix(dev.Output("accessLogFormat"), `{"requestTime"`), "the http-json preset")
}

// An execution-log group API Gateway already created (no retention, nobody's): the stack stops up front and says
// how to adopt it; with adoptExecutionLogGroup it imports the group and sets its retention, and a second up
// changes nothing.
func TestAdoptingAnExistingExecutionLogGroup(t *testing.T) {
	t.Parallel()
	for i, c := range []apiTypeCase{apiTypeCases[0], apiTypeCases[2]} {
		t.Run(c.apiType, func(t *testing.T) {
			t.Parallel()
			acct := newAccount(uint64(60 + i))
			// An existing API of the type, deployed by another tool, whose stage once had execution logging on.
			other := apiStack(t, acct, c)
			other.Name = "other"
			other.Set("executionLogging", "off")
			up(t, other)
			apiID := restAPIID(t, other)
			group := simaws.ExecutionLogGroupName(apiID, "live")
			acct.SeedLogGroup(group, 0)

			dev := apiStack(t, acct, c)
			dev.Set("apiId", apiID)
			dev.Set("stageName", "live")
			res := dev.Preview(t)
			require.Error(t, res.Err)
			msg := strings.Join(res.Diagnostics(), "\n")
			assert.Contains(t, msg, "log group "+group+" already exists and this stack did not create it")
			assert.Contains(t, msg, "adoptExecutionLogGroup")
			assert.Contains(t, msg, fmt.Sprintf("%q", group), "the exact id to import")

			dev.Set("adoptExecutionLogGroup", "true")
			res = up(t, dev)
			assert.Contains(t, res.StepsOf(deploy.OpImport), simaws.TypeLogGroup+"::access-logs-execution")
			adopted := objectByID(t, acct, simaws.TypeLogGroup, group)
			assert.EqualValues(t, 7, adopted.Props.Get("retentionInDays").AsNumber(), "the adopted group keeps logs for retentionInDays")
			assertGroupsKeepLogs(t, acct)
			res = up(t, dev)
			assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame])
		})
	}
}

// REST access logs to Firehose: no access-log group is created, the stage logs to the stream.
func TestRESTAccessLogsToFirehose(t *testing.T) {
	t.Parallel()
	acct := newAccount(70)
	dev := loadStack(t, acct, "dev")
	stream := "arn:aws:firehose:us-east-1:" + acct.ID() + ":deliverystream/amazon-apigateway-access-logs"
	dev.Set("firehoseStreamArn", stream)
	res := up(t, dev)
	for _, s := range res.ResourceSteps() {
		assert.NotEqual(t, simaws.TypeLogGroup, s.Type, "a log group was created")
	}
	assert.Empty(t, dev.Output("logGroupName"))
	require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "dev"))
	stage := objectByID(t, acct, simaws.TypeStage, "ags-"+restAPIID(t, dev)+"-dev")
	assert.Equal(t, stream, stage.Props.Get("accessLogSettings").AsMap().Get("destinationArn").AsString())
}

// The execution-log group must exist, with retention, before the setting that turns execution logging on:
// otherwise API Gateway creates it first, without retention, and the stack's own create then fails. A slow
// CloudWatch Logs and a quick API Gateway make a missing wait show every time.
func TestExecutionLogGroupBeforeLoggingIsOn(t *testing.T) {
	t.Parallel()
	for _, c := range []apiTypeCase{apiTypeCases[0], apiTypeCases[2]} {
		t.Run(c.apiType, func(t *testing.T) {
			t.Parallel()
			ms := time.Millisecond
			acct := simaws.NewAccount(simaws.Options{
				Latency:        map[string]simaws.Latency{simaws.TypeLogGroup: simaws.Fixed(60 * ms)},
				DefaultLatency: simaws.Fixed(ms),
			})
			dev := apiStack(t, acct, c)
			res := up(t, dev)
			execName := dev.Output("executionLogGroupName")
			assertCreatedBefore(t, during(acct, dev, res), simaws.TypeLogGroup, execName, c.settingsType)
			assertGroupsKeepLogs(t, acct)
			assertConverged(t, acct, dev)
		})
	}
}
