package tests

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/program"
	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// A fresh `pulumi up -s dev` with the repository's config creates everything once, in the order AWS needs,
// and leaves working access logging whose outputs match what exists in the account.
func TestUpFresh(t *testing.T) {
	t.Parallel()
	acct := newAccount(1)
	dev := loadStack(t, acct, "dev")
	res := up(t, dev)

	var created []string
	for _, s := range res.ResourceSteps() {
		assert.Equal(t, deploy.OpCreate, s.Op, "%s", s)
		created = append(created, s.Type)
	}
	assert.ElementsMatch(t, allAWSTypes, created, "one of each resource")
	assertOrdering(t, during(acct, dev, res))
	assertConverged(t, acct, dev)

	apiID := restAPIID(t, dev)
	require.NoError(t, acct.LoggingHealth(apiID, "dev"), "dev's access logs would not arrive")

	// The outputs say what exists.
	group := objectByID(t, acct, simaws.TypeLogGroup, dev.Output("logGroupName"))
	assert.Equal(t, group.Str("arn"), dev.Output("logGroupArn"))
	assert.Equal(t, "/apigateway/apigw-access-logs/dev/access-logs", dev.Output("logGroupName"))
	assert.EqualValues(t, 7, group.Props.Get("retentionInDays").AsNumber(), "Pulumi.dev.yaml retention")
	assert.Equal(t, acct.CloudWatchRoleARN(), dev.Output("cloudWatchRoleArn"))
	assert.Equal(t, "dev", dev.Output("stageName"))
	assert.Equal(t, "https://"+apiID+".execute-api.us-east-1.amazonaws.com/dev", dev.Output("invokeUrl"))

	stage := objectByID(t, acct, simaws.TypeStage, "ags-"+apiID+"-dev")
	settings := stage.Props.Get("accessLogSettings").AsMap()
	assert.Equal(t, dev.Output("logGroupArn"), settings.Get("destinationArn").AsString())
	assert.Equal(t, dev.Output("accessLogFormat"), settings.Get("format").AsString())
	assert.Contains(t, dev.Output("accessLogFormat"), "$context.requestId")

	// Exactly the documented exports; the sample line is the format rendered, and parses back with it.
	var exports []string
	for k := range dev.Outputs() {
		exports = append(exports, string(k))
	}
	assert.ElementsMatch(t, []string{"logGroupName", "logGroupArn", "executionLogGroupName", "cloudWatchRoleArn",
		"accountAction", "stageName", "invokeUrl", "accessLogFormat", "sampleAccessLogLine", "savedQueries", "dashboardName", "executionLogDestinationArn",
		"alarm5xxFilterPattern", "kmsKeyArn"}, exports)
	assert.Empty(t, dev.Output("executionLogGroupName"), "execution logging is off by default")
	assert.Equal(t, "create", dev.Output("accountAction"), "a fresh account: auto creates the role and the setting")
	fields, err := accesslog.Parse(dev.Output("accessLogFormat"), dev.Output("sampleAccessLogLine"))
	require.NoError(t, err, "sampleAccessLogLine is a line in the stage's format")
	assert.Equal(t, accesslog.Example(accesslog.RequestID), fields["requestId"])

	// The role is autonamed (no fixed name), trusted by API Gateway, with the managed policy attached.
	roles := acct.ObjectsOf(simaws.TypeRole)
	require.Len(t, roles, 1)
	assert.Regexp(t, `^access-logs-[0-9a-f]{7}$`, roles[0].ID)
	assert.Equal(t, "/apigw-access-logs/apigw-access-logs/dev/access-logs/", roles[0].Str("path"))
	attachments := acct.ObjectsOf(simaws.TypeRolePolicyAttachment)
	require.Len(t, attachments, 1)
	assert.Equal(t, "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
		attachments[0].Str("policyArn"))
}

// `pulumi preview` plans exactly what `pulumi up` then does: the same steps for the same resources, and an
// update constrained by the preview's plan (`pulumi up --plan`) succeeds. The preview touches nothing.
func TestPreviewMatchesUp(t *testing.T) {
	t.Parallel()
	acct := newAccount(2)
	dev := loadStack(t, acct, "dev")

	preview := dev.Preview(t)
	require.NoError(t, preview.Err)
	require.NotNil(t, preview.Plan)
	assert.Empty(t, acct.Objects(), "a preview must not create anything")
	assert.Empty(t, writes(acct.Records()), "a preview must not change anything in AWS")
	require.Len(t, preview.Reads(), 1, "the preview reads the account setting")
	assert.Contains(t, preview.Logs, "account setting (auto): none is set in this region; this stack creates a "+
		"CloudWatch role and sets it (both kept on destroy)", "the preview says in one line what happens")
	planned := preview.StepsOf(deploy.OpCreate)
	require.Len(t, planned, len(allAWSTypes))

	res := dev.UpWithPlan(t, preview.Plan)
	require.NoError(t, res.Err, "the update deviated from the preview's plan")
	assert.Equal(t, planned, res.StepsOf(deploy.OpCreate))
	assert.Equal(t, len(planned), len(res.ResourceSteps()), "the update did only what was planned")

	// What the preview showed for inputs known at preview time is what was sent.
	for _, p := range preview.ResourceSteps() {
		for _, u := range res.ResourceSteps() {
			if u.URN != p.URN {
				continue
			}
			for k, v := range p.Inputs {
				if v.ContainsUnknowns() || k == "name" { // autonames draw a new random suffix per operation
					continue
				}
				assert.Equal(t, v, u.Inputs[k], "%s input %s: preview showed %v, up sent %v", p.Name, k, v, u.Inputs[k])
			}
		}
	}
}

// A second `pulumi up` with the same config changes nothing: every step is `same` and the account serves no
// create, update or delete. A preview shows the same.
func TestSecondUpChangesNothing(t *testing.T) {
	t.Parallel()
	acct := newAccount(3)
	dev := loadStack(t, acct, "dev")
	up(t, dev)
	before := stackObjects(acct, "dev")
	nWrites := len(writes(acct.Records()))

	preview := dev.Preview(t)
	require.NoError(t, preview.Err)
	res := up(t, dev)
	for _, r := range []*harness.Result{preview, res} {
		for _, s := range r.Steps {
			if s.Op != deploy.OpRead { // the account setting is read on every run
				assert.Equal(t, deploy.OpSame, s.Op, "%s", s)
			}
		}
		assert.Len(t, r.ResourceSteps(), len(allAWSTypes))
	}
	assert.Len(t, writes(acct.Records()), nWrites, "the second up changed something in AWS")
	assert.Equal(t, "keep", dev.Output("accountAction"), "dev recognises the setting as its own")
	assert.Equal(t, before, stackObjects(acct, "dev"))
}

// Changing retentionInDays updates the log group in place: one update step, the same group (no replacement:
// a replaced group would lose its logs), the new retention in AWS.
func TestRetentionChangeUpdatesLogGroupInPlace(t *testing.T) {
	t.Parallel()
	acct := newAccount(4)
	dev := loadStack(t, acct, "dev")
	up(t, dev)
	name := dev.Output("logGroupName")

	dev.Set("retentionInDays", "30")
	preview := dev.Preview(t)
	require.NoError(t, preview.Err)
	res := up(t, dev)
	for _, r := range []*harness.Result{preview, res} {
		assert.Equal(t, []string{simaws.TypeLogGroup + "::access-logs"}, r.StepsOf(deploy.OpUpdate))
		assert.Equal(t, len(allAWSTypes)-1, r.Ops()[deploy.OpSame], "everything else is unchanged")
	}
	for _, s := range res.ResourceSteps() {
		if s.Op == deploy.OpUpdate {
			assert.Equal(t, []string{"retentionInDays"}, keys(s.Diffs))
		}
	}
	assert.Equal(t, name, dev.Output("logGroupName"))
	group := objectByID(t, acct, simaws.TypeLogGroup, name)
	assert.EqualValues(t, 30, group.Props.Get("retentionInDays").AsNumber())
	require.Len(t, acct.ObjectsOf(simaws.TypeLogGroup), 1)
	assertConverged(t, acct, dev)
}

// Changing accessLogFormat updates the stage in place: one update step, the same stage, the new format in
// AWS and in the accessLogFormat export, and logging still works.
func TestFormatChangeUpdatesStageInPlace(t *testing.T) {
	t.Parallel()
	acct := newAccount(5)
	dev := loadStack(t, acct, "dev")
	up(t, dev)
	apiID := restAPIID(t, dev)
	oldFormat := dev.Output("accessLogFormat")

	dev.Set("accessLogFormat", "clf")
	res := up(t, dev)
	// The stage and the saved queries written from the format update in place; clf has no latency, so the
	// slowest-requests query goes.
	assert.Equal(t, []string{simaws.TypeStage + "::access-logs",
		simaws.TypeQueryDefinition + "::access-logs-4xx-responses", simaws.TypeQueryDefinition + "::access-logs-5xx-responses",
		simaws.TypeQueryDefinition + "::access-logs-requests-by-caller", simaws.TypeQueryDefinition + "::access-logs-top-client-ips",
	}, res.StepsOf(deploy.OpUpdate))
	assert.Equal(t, []string{simaws.TypeQueryDefinition + "::access-logs-slowest-requests"}, res.StepsOf(deploy.OpDelete))
	assert.True(t, slices.ContainsFunc(res.Logs, func(l string) bool {
		return strings.Contains(l, "saved query slowest-requests left out") && strings.Contains(l, "responseLatency")
	}), "the update says which query the format cannot serve: %v", res.Logs)
	assert.Empty(t, res.StepsOf(deploy.OpReplace))
	assertOrdering(t, during(acct, dev, res))

	newFormat := dev.Output("accessLogFormat")
	assert.NotEqual(t, oldFormat, newFormat)
	assert.True(t, strings.HasPrefix(newFormat, "$context.identity.sourceIp $context.identity.caller"), newFormat)
	stage := objectByID(t, acct, simaws.TypeStage, "ags-"+apiID+"-dev")
	assert.Equal(t, newFormat, stage.Props.Get("accessLogSettings").AsMap().Get("format").AsString())
	require.Len(t, acct.ObjectsOf(simaws.TypeStage), 1)
	require.NoError(t, acct.LoggingHealth(apiID, "dev"))

	// A variable newer than the catalogue passes with a warning the preview shows; a likely typo still fails.
	dev.Set("accessLogFormat", "$context.requestId $context.fooBarQux")
	preview := dev.Preview(t)
	require.NoError(t, preview.Err)
	assert.True(t, slices.ContainsFunc(preview.Logs, func(l string) bool {
		return strings.Contains(l, "warning") && strings.Contains(l, "$context.fooBarQux")
	}), "the preview warns about $context.fooBarQux: %v", preview.Logs)
	dev.Set("accessLogFormat", "$context.requestId $context.identity.sourceIP")
	preview = dev.Preview(t)
	require.Error(t, preview.Err)
	assert.Contains(t, strings.Join(preview.Diagnostics(), "\n"), "$context.identity.sourceIp")

	// A custom format with different whitespace is normalised: no diff on the next run.
	dev.Set("accessLogFormat", "$context.requestId   $context.status")
	up(t, dev)
	dev.Set("accessLogFormat", " $context.requestId $context.status ")
	res = up(t, dev)
	assert.Empty(t, res.StepsOf(deploy.OpUpdate), "whitespace-only format change")
}

// dev and prod, with the repository's configs (no account line: auto), deploy into one fresh account: dev
// creates the setting, prod finds it and creates no IAM resource, their names don't collide, both stages' logs
// arrive, and a second up of each changes nothing.
func TestDevAndProdInOneAccount(t *testing.T) {
	t.Parallel()
	acct := newAccount(6)
	dev := loadStack(t, acct, "dev")
	prod := loadStack(t, acct, "prod")
	devRes := up(t, dev)
	res := up(t, prod)
	assertOrdering(t, during(acct, dev, devRes))
	assertOrdering(t, during(acct, prod, res))

	for _, s := range res.ResourceSteps() {
		assert.NotContains(t, iamAndSetting, s.Type, "prod finds the setting set by dev and leaves it alone")
	}
	assert.Equal(t, "create", dev.Output("accountAction"))
	assert.Equal(t, "use-existing", prod.Output("accountAction"))
	assert.Equal(t, acct.CloudWatchRoleARN(), prod.Output("cloudWatchRoleArn"), "prod reports the role it uses")
	assert.NotEqual(t, dev.Output("logGroupName"), prod.Output("logGroupName"))
	assert.Equal(t, "/apigateway/apigw-access-logs/prod/access-logs", prod.Output("logGroupName"))
	group := objectByID(t, acct, simaws.TypeLogGroup, prod.Output("logGroupName"))
	assert.Equal(t, configValue(t, prod, "retentionInDays"), fmt.Sprint(group.Props.Get("retentionInDays").AsNumber()),
		"the group keeps what Pulumi.prod.yaml says")
	assert.Equal(t, dev.Output("cloudWatchRoleArn"), acct.CloudWatchRoleARN())
	require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "dev"))
	require.NoError(t, acct.LoggingHealth(restAPIID(t, prod), "prod"))
	assertConverged(t, acct, dev)
	assertConverged(t, acct, prod)

	// A second up of each changes nothing: no flip-flop between creating and dropping the role and setting.
	nWrites := len(writes(acct.Records()))
	for _, s := range []*harness.Stack{dev, prod} {
		preview := s.Preview(t)
		require.NoError(t, preview.Err)
		res := up(t, s)
		for _, r := range []*harness.Result{preview, res} {
			assert.Equal(t, len(r.ResourceSteps()), r.Ops()[deploy.OpSame], "%s: %v", s.Name, r.Steps)
		}
	}
	assert.Len(t, writes(acct.Records()), nWrites, "a second up changed something in AWS")
	assert.Len(t, acct.ObjectsOf(simaws.TypeRole), 1)
}

// Several stacks that each manage the account setting (accountSetting: manage) also coexist: autonamed roles
// and stack-qualified log groups never collide, and the setting points at a working role whichever wrote last.
func TestManyStacksManagingTheAccountCoexist(t *testing.T) {
	t.Parallel()
	acct := newAccount(7)
	var stacks []*harness.Stack
	for _, name := range []string{"dev", "staging", "qa"} {
		s := newStack(t, acct, name)
		s.Set("accountSetting", "manage")
		up(t, s)
		stacks = append(stacks, s)
	}
	assert.Len(t, acct.ObjectsOf(simaws.TypeRole), 3)
	assert.Len(t, acct.ObjectsOf(simaws.TypeLogGroup), 3)
	for _, s := range stacks {
		require.NoError(t, acct.LoggingHealth(restAPIID(t, s), s.Name))
		assertConverged(t, acct, s)
	}
	assert.Equal(t, stacks[2].Output("cloudWatchRoleArn"), acct.CloudWatchRoleARN(), "the last writer wins")
}

// Whichever stack goes first on a fresh account creates the setting: prod alone creates it, and dev after it
// creates no IAM resource.
func TestWhicheverStackIsFirstCreatesTheSetting(t *testing.T) {
	t.Parallel()
	acct := newAccount(8)
	prod := loadStack(t, acct, "prod")
	up(t, prod)
	assert.Equal(t, "create", prod.Output("accountAction"))
	dev := loadStack(t, acct, "dev")
	res := up(t, dev)
	assert.Equal(t, "use-existing", dev.Output("accountAction"))
	for _, s := range res.ResourceSteps() {
		assert.NotContains(t, iamAndSetting, s.Type)
	}
	assert.Len(t, acct.ObjectsOf(simaws.TypeRole), 1)
	require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "dev"))
	require.NoError(t, acct.LoggingHealth(restAPIID(t, prod), "prod"))
}

// Destroying dev, which created the setting, leaves prod's logging working: the account setting, dev's role
// and its policy attachment are retained (the engine drops them from dev's state without deleting them),
// everything else of dev's is deleted, and prod's next up changes nothing. When dev comes back it recognises
// its retained role by its path and adopts it: no second role.
func TestDestroyDevKeepsProdLogging(t *testing.T) {
	t.Parallel()
	acct := newAccount(9)
	dev := loadStack(t, acct, "dev")
	prod := loadStack(t, acct, "prod")
	up(t, dev)
	up(t, prod)
	roleARN := acct.CloudWatchRoleARN()

	res := dev.Destroy(t)
	require.NoError(t, res.Err)
	for _, r := range writes(during(acct, dev, res)) {
		assert.Equal(t, simaws.OpDelete, r.Op)
		assert.Empty(t, r.Err)
		assert.NotContains(t, iamAndSetting, r.Type, "destroy deleted %s %s", r.Type, r.ID)
	}
	assert.Empty(t, dev.Resources(), "dev's state is empty")
	left := stackObjects(acct, "dev")
	require.Len(t, left, 3, "retained: %v", left)
	assertConverged(t, acct, dev, iamAndSetting...)

	assert.Equal(t, roleARN, acct.CloudWatchRoleARN(), "the account setting still names dev's role")
	require.NoError(t, acct.LoggingHealth(restAPIID(t, prod), "prod"), "prod's access logs would not arrive")
	res = up(t, prod)
	assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame])

	// dev comes back: it adopts its retained role (an import, not a new role) and owns the setting again.
	res = up(t, dev)
	assert.Equal(t, "keep", dev.Output("accountAction"))
	assert.Equal(t, []string{simaws.TypeRole + "::access-logs"}, res.StepsOf(deploy.OpImport))
	assert.Len(t, acct.ObjectsOf(simaws.TypeRole), 1, "no second role")
	assert.Equal(t, roleARN, acct.CloudWatchRoleARN())
	require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "dev"))
	res = up(t, dev)
	assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame], "then nothing changes")
}

// Ten short-lived stacks with the default config (review stacks, per-developer stacks), created and destroyed
// with overlapping lifetimes, leave at most one role in the account, and after every destroy each remaining
// stage still logs.
func TestShortLivedStacksLeaveAtMostOneRole(t *testing.T) {
	t.Parallel()
	acct := newAccount(13)
	live := map[string]*harness.Stack{}
	var order []string
	destroy := func(name string) {
		t.Helper()
		require.NoError(t, live[name].Destroy(t).Err, "destroy %s", name)
		delete(live, name)
		for _, s := range live {
			require.NoError(t, acct.LoggingHealth(restAPIID(t, s), s.Name), "after destroying %s, %s no longer logs", name, s.Name)
		}
	}
	for i := range 10 {
		name := fmt.Sprintf("pr-%d", i+1)
		s := newStack(t, acct, name)
		up(t, s)
		live[name] = s
		order = append(order, name)
		// Overlap: from the third stack on, each new stack outlives the one created two before it.
		if i >= 2 {
			destroy(order[i-2])
		}
		assert.LessOrEqual(t, len(acct.ObjectsOf(simaws.TypeRole)), 1, "after %s", name)
	}
	for _, name := range order[len(order)-2:] {
		destroy(name)
	}
	assert.Len(t, acct.ObjectsOf(simaws.TypeRole), 1, "one role, retained with the setting")
	assert.NotEmpty(t, acct.CloudWatchRoleARN(), "the setting survives every destroy")
}

// An account whose setting an administrator already set: default stacks never write it, manage takes it over,
// and leave never even reads it.
func TestAdministratorSetSetting(t *testing.T) {
	t.Parallel()
	acct := newAccount(14)
	admin := acct.SeedRole("platform-apigw-logs", apigwlogs.AssumeRolePolicy,
		"arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")
	acct.SetCloudWatchRoleARN(admin)

	for _, name := range []string{"dev", "prod"} {
		s := loadStack(t, acct, name)
		res := up(t, s)
		assert.Equal(t, "use-existing", s.Output("accountAction"))
		assert.Equal(t, admin, s.Output("cloudWatchRoleArn"))
		for _, r := range during(acct, s, res) {
			assert.NotContains(t, iamAndSetting[:2], r.Type, "%s created IAM resources", name)
			assert.False(t, r.Type == simaws.TypeAccount && r.Op != simaws.OpRead, "%s wrote the setting", name)
		}
		require.NoError(t, acct.LoggingHealth(restAPIID(t, s), name))
	}
	assert.Equal(t, admin, acct.CloudWatchRoleARN())

	leave := newStack(t, acct, "leave")
	leave.Set("accountSetting", "leave")
	res := up(t, leave)
	assert.Empty(t, res.Reads(), "leave never reads the setting")
	for _, r := range during(acct, leave, res) {
		assert.NotEqual(t, simaws.TypeAccount, r.Type, "leave touched the setting: %s", r.Op)
	}
	assert.Equal(t, "none", leave.Output("accountAction"))
	assert.Equal(t, admin, acct.CloudWatchRoleARN())

	manage := newStack(t, acct, "platform")
	manage.Set("accountSetting", "manage")
	up(t, manage)
	assert.Equal(t, "take-over", manage.Output("accountAction"))
	assert.NotEqual(t, admin, acct.CloudWatchRoleARN(), "manage takes the setting over")
	assert.Equal(t, manage.Output("cloudWatchRoleArn"), acct.CloudWatchRoleARN())
	res = up(t, manage)
	assert.Equal(t, "keep", manage.Output("accountAction"), "and then keeps it")
	assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame])
}

// A stage creation that fails once (an AWS error mid-update) leaves a consistent state: the re-run creates
// just what is missing and converges, with nothing duplicated or orphaned.
func TestFailedCreateThenRerunConverges(t *testing.T) {
	t.Parallel()
	for _, typ := range []string{simaws.TypeStage, simaws.TypeAccount, simaws.TypeRolePolicyAttachment, simaws.TypeDeployment} {
		t.Run(typ[strings.LastIndex(typ, ":")+1:], func(t *testing.T) {
			t.Parallel()
			acct := newAccount(10)
			acct.FailOnce(typ, simaws.OpCreate, 1, "InternalFailure: injected by the test")
			dev := loadStack(t, acct, "dev")
			res := dev.Up(t)
			require.Error(t, res.Err)
			assert.Contains(t, strings.Join(res.Diagnostics(), "\n"), "InternalFailure: injected by the test")
			assert.Empty(t, acct.ObjectsOf(typ))
			assert.Empty(t, acct.ObjectsOf(simaws.TypeStage), "the stage needs what failed")
			assertConverged(t, acct, dev)

			res = up(t, dev)
			assert.NotEmpty(t, res.StepsOf(deploy.OpCreate))
			assert.Empty(t, res.StepsOf(deploy.OpReplace))
			assert.Empty(t, res.StepsOf(deploy.OpUpdate))
			assertOrdering(t, during(acct, dev, res))
			assertConverged(t, acct, dev)
			want := map[string]int{}
			for _, each := range allAWSTypes {
				want[each]++
			}
			for typ, n := range want {
				assert.Len(t, acct.ObjectsOf(typ), n, typ)
			}
			require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "dev"))
			res = up(t, dev)
			assert.Equal(t, len(allAWSTypes), res.Ops()[deploy.OpSame])
		})
	}
}

// Bad config fails the preview and the update before anything reaches AWS: the engine shows exactly the
// error the config loader gives (whose wording the mock tests check key by key), no resource is registered,
// and not even the account setting is read. One case per kind of check.
func TestBadConfigCreatesNothing(t *testing.T) {
	t.Parallel()
	cases := []struct {
		key string            // the key the error must name
		set map[string]string // the config changed from Pulumi.dev.yaml
	}{
		{"retentionInDays", map[string]string{"retentionInDays": "8"}},                                   // a component's check, wrapped with the key
		{"accessLogFormat", map[string]string{"accessLogFormat": "$context.status $context.httpMethod"}}, // the format catalogue
		{"manageAccount", map[string]string{"manageAccount": "false"}},                                   // a key that was replaced
		{"executionLogging", map[string]string{"apiType": "http", "executionLogging": "info"}},           // a refused combination
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			t.Parallel()
			acct := newAccount(11)
			dev := loadStack(t, acct, "dev")
			for k, v := range c.set {
				dev.Set(k, v)
			}
			want := loaderError(t, dev)
			for _, r := range []*harness.Result{dev.Preview(t), dev.Up(t)} {
				require.Error(t, r.Err)
				msg := strings.Join(r.Diagnostics(), "\n")
				for _, line := range strings.Split(want, "\n") {
					assert.Contains(t, msg, strings.TrimSpace(line), "the engine shows the loader's error")
				}
				assert.Contains(t, msg, "apigw-access-logs:"+c.key)
				assert.Empty(t, r.ResourceSteps(), "a resource was registered")
				assert.Empty(t, r.Reads(), "something was read")
			}
			assert.Empty(t, acct.Records(), "AWS was called (not even the setting may be read)")
			assert.Empty(t, dev.Resources())
		})
	}
}

// loaderError is program.LoadConfig's error for a stack's config, run on mocks: what the engine must show.
func loaderError(t *testing.T, s *harness.Stack) string {
	t.Helper()
	cfg := map[string]string{}
	for k, v := range s.Config {
		value, err := v.Value(config.NopDecrypter)
		require.NoError(t, err)
		cfg[k.String()] = value
	}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := program.LoadConfig(ctx)
		return err
	}, pulumi.WithMocks(harness.Project, s.Name, nopMocks{}), func(info *pulumi.RunInfo) { info.Config = cfg })
	require.Error(t, err)
	msg := err.Error()
	// errors.Join's lines; RunErr prefixes its own count line.
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		if l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "* ")); strings.HasPrefix(l, "config key") {
			lines = append(lines, l)
		}
	}
	require.NotEmpty(t, lines, "no config error in %q", msg)
	return strings.Join(lines, "\n")
}

// nopMocks registers nothing and answers nothing: LoadConfig must not get that far.
type nopMocks struct{}

func (nopMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	return "", nil, fmt.Errorf("unexpected resource %s", args.TypeToken)
}

func (nopMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return nil, fmt.Errorf("unexpected invoke %s", args.Token)
}

// 20 runs with random latencies (each its own seed and account) never hit an ordering error, and each
// also survives a second stack and a format change.
func TestRandomLatenciesNeverBreakOrdering(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			// Random, but shaped like AWS: IAM and the account setting are the slow ones. With every type
			// equally slow, the demo API's longer chain would hide a stage that does not wait for the account.
			ms := time.Millisecond
			lat := map[string]simaws.Latency{}
			for _, typ := range allAWSTypes {
				lat[typ] = simaws.Latency{Min: 0, Max: 6 * ms}
			}
			for _, typ := range []string{simaws.TypeRole, simaws.TypeRolePolicyAttachment, simaws.TypeAccount} {
				lat[typ] = simaws.Latency{Min: 0, Max: 25 * ms}
			}
			acct := simaws.NewAccount(simaws.Options{Seed: seed * 7919, Latency: lat})
			dev := loadStack(t, acct, "dev")
			prod := loadStack(t, acct, "prod")
			assertOrdering(t, during(acct, dev, up(t, dev)))
			assertOrdering(t, during(acct, prod, up(t, prod)))
			dev.Set("accessLogFormat", "xml")
			dev.Set("retentionInDays", "14")
			assertOrdering(t, during(acct, dev, up(t, dev)))
			require.NoError(t, acct.LoggingHealth(restAPIID(t, dev), "dev"))
			require.NoError(t, acct.LoggingHealth(restAPIID(t, prod), "prod"))
		})
	}
}

// A refresh reads everything back and finds no drift.
func TestRefreshFindsNoDrift(t *testing.T) {
	t.Parallel()
	acct := newAccount(12)
	dev := loadStack(t, acct, "dev")
	up(t, dev)
	res := dev.Refresh(t)
	require.NoError(t, res.Err)
	for _, s := range res.ResourceSteps() {
		assert.True(t, slices.Contains([]string{string(deploy.OpRefresh), string(deploy.OpSame)}, string(s.Op)), "%s", s)
	}
	res = up(t, dev)
	assert.Equal(t, len(allAWSTypes), res.Ops()[deploy.OpSame], "no diff after a refresh")
}

func keys[K ~string](ks []K) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	slices.Sort(out)
	return out
}
