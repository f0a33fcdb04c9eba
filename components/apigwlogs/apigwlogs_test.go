package apigwlogs_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/mocks"
)

const (
	project = "proj"

	logGroupType   = "aws:cloudwatch/logGroup:LogGroup"
	roleType       = "aws:iam/role:Role"
	attachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	accountType    = "aws:apigateway/account:Account"
	stageType      = "aws:apigateway/stage:Stage"
	queryType      = "aws:cloudwatch/queryDefinition:QueryDefinition"
	filterType     = "aws:cloudwatch/logMetricFilter:LogMetricFilter"
	alarmType      = "aws:cloudwatch/metricAlarm:MetricAlarm"
	keyType        = "aws:kms/key:Key"

	pushPolicy = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
	otherRole  = "arn:aws:iam::123456789012:role/platform/apigw-cloudwatch"
	// ownRole is a role the stack dev's "logs" component created on an earlier run (its path says so).
	ownRole = "arn:aws:iam::123456789012:role/apigw-access-logs/proj/dev/logs/logs-00000a1"
)

// outputs are the composite's outputs, awaited inside the program.
type outputs map[string]string

// run runs one NewAccessLogging call on the mocks m and returns what was registered and the outputs.
func run(t *testing.T, stack string, m *mocks.Mocks, args func() *apigwlogs.AccessLoggingArgs) (*mocks.Recorder, outputs, error) {
	t.Helper()
	out := outputs{}
	rec, err := mocks.Run(project, stack, nil, m, func(ctx *pulumi.Context) error {
		c, err := apigwlogs.NewAccessLogging(ctx, "logs", args())
		if err != nil {
			return err
		}
		for k, o := range map[string]pulumi.StringOutput{
			"logGroupName": c.LogGroupName, "logGroupArn": c.LogGroupARN, "cloudWatchRoleArn": c.CloudWatchRoleARN,
			"accountAction": c.AccountAction, "stageName": c.StageName, "stageArn": c.StageARN,
			"invokeUrl": c.InvokeURL, "accessLogFormat": c.AccessLogFormat, "executionLogGroupName": c.ExecutionLogGroupName,
		} {
			res, err := internals.UnsafeAwaitOutput(ctx.Context(), o)
			if err != nil {
				return err
			}
			out[k], _ = res.Value.(string)
		}
		return nil
	})
	return rec, out, err
}

func baseArgs() *apigwlogs.AccessLoggingArgs {
	return &apigwlogs.AccessLoggingArgs{
		APIID:        pulumi.String("a1b2c3d4e5"),
		DeploymentID: pulumi.String("dep123"),
		StageName:    pulumi.String("dev"),
	}
}

// one returns the only registration of a type, failing the test if there is not exactly one.
func one(t *testing.T, rec *mocks.Recorder, typ string) mocks.Resource {
	t.Helper()
	got := rec.OfType(typ)
	require.Len(t, got, 1, "resources of type %s", typ)
	return got[0]
}

// On a fresh account (no setting), the default creates everything: the log group, the role and its policy, the
// setting, the stage, each under the right parent with the component's name, wired in AWS's order.
func TestAccessLoggingOnAFreshAccountCreatesEverything(t *testing.T) {
	t.Parallel()
	rec, out, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.RetentionInDays = pulumi.Int(30)
		a.AccessLogFormat = pulumi.String("clf")
		a.KMSKey = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
		a.Tags = pulumi.StringMap{"team": pulumi.String("payments")}
		return a
	})
	require.NoError(t, err)

	// Exactly these resources, each under the right parent, named without stutter.
	type key struct {
		typ, name, parentType string
		read                  bool
	}
	var got []key
	for _, r := range rec.Resources() {
		parentType := ""
		if p, ok := rec.ByURN(r.Parent); ok {
			parentType = p.Type
		}
		got = append(got, key{r.Type, r.Name, parentType, r.Read})
	}
	assert.ElementsMatch(t, []key{
		{"apigwlogs:index:AccessLogging", "logs", "", false},
		{"apigwlogs:index:LogGroup", "logs", "apigwlogs:index:AccessLogging", false},
		{logGroupType, "logs", "apigwlogs:index:LogGroup", false},
		{"apigwlogs:index:Account", "logs", "apigwlogs:index:AccessLogging", false},
		{accountType, "logs-current", "apigwlogs:index:Account", true},
		{"apigwlogs:index:CloudWatchRole", "logs", "apigwlogs:index:Account", false},
		{roleType, "logs", "apigwlogs:index:CloudWatchRole", false},
		{attachmentType, "logs-policy", "apigwlogs:index:CloudWatchRole", false},
		{accountType, "logs", "apigwlogs:index:Account", false},
		{"apigwlogs:index:Stage", "logs", "apigwlogs:index:AccessLogging", false},
		{stageType, "logs", "apigwlogs:index:Stage", false},
		// Saved queries written from the clf format (it has no latency, so no slowest-requests query).
		{"apigwlogs:index:Monitoring", "logs", "apigwlogs:index:AccessLogging", false},
		{queryType, "logs-4xx-responses", "apigwlogs:index:Monitoring", false},
		{queryType, "logs-5xx-responses", "apigwlogs:index:Monitoring", false},
		{queryType, "logs-top-client-ips", "apigwlogs:index:Monitoring", false},
		{queryType, "logs-requests-by-caller", "apigwlogs:index:Monitoring", false},
	}, got)

	group := one(t, rec, logGroupType)
	assert.Equal(t, "/apigateway/proj/dev/logs", group.Input("name"))
	assert.Equal(t, float64(30), group.Input("retentionInDays"))
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", group.Input("kmsKeyId"))
	assert.Equal(t, map[string]any{"team": "payments", apigwlogs.OwnerTagKey: "proj/dev"}, group.Input("tags"),
		"the owner tag tells this stack's groups from others")
	assert.True(t, group.RetainOnDelete, "audit logs are kept on destroy by default")
	assert.Equal(t, "STANDARD", group.Input("logGroupClass"))

	role := one(t, rec, roleType)
	assert.Nil(t, role.Input("name"), "the role must be auto-named: IAM role names are unique per account")
	assert.Empty(t, role.ImportID)
	assert.Equal(t, "/apigw-access-logs/proj/dev/logs/", role.Input("path"), "the path marks the stack's own role")
	var trust struct {
		Statement []struct {
			Effect    string
			Principal struct{ Service string }
			Action    string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(role.Input("assumeRolePolicy").(string)), &trust))
	require.Len(t, trust.Statement, 1)
	assert.Equal(t, "Allow", trust.Statement[0].Effect)
	assert.Equal(t, "apigateway.amazonaws.com", trust.Statement[0].Principal.Service)
	assert.Equal(t, "sts:AssumeRole", trust.Statement[0].Action)
	assert.Equal(t, map[string]any{"team": "payments"}, role.Input("tags"))
	assert.True(t, role.RetainOnDelete, "role retained on delete")

	attachment := one(t, rec, attachmentType)
	assert.Equal(t, role.Outputs["name"].StringValue(), attachment.Input("role"))
	assert.Equal(t, pushPolicy, attachment.Input("policyArn"))
	assert.True(t, attachment.RetainOnDelete, "attachment retained on delete")

	account := one(t, rec, accountType)
	assert.Equal(t, role.Outputs["arn"].StringValue(), account.Input("cloudwatchRoleArn"))
	assert.True(t, account.RetainOnDelete, "account retained on delete")
	assert.True(t, account.DependsOn(attachment), "account must wait for the policy attachment: IAM checks the role's permissions when the setting is written")

	stage := one(t, rec, stageType)
	assert.Equal(t, "a1b2c3d4e5", stage.Input("restApi"))
	assert.Equal(t, "dep123", stage.Input("deployment"))
	assert.Equal(t, "dev", stage.Input("stageName"))
	clf, err := accesslog.Resolve("clf", accesslog.REST)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"destinationArn": group.Outputs["arn"].StringValue(), "format": clf},
		stage.Input("accessLogSettings"))
	assert.Equal(t, map[string]any{"team": "payments"}, stage.Input("tags"))
	assert.True(t, stage.DependsOn(account), "stage must wait for the account setting")
	assert.True(t, stage.DependsOn(group), "stage must wait for the log group")

	// The outputs importers read.
	assert.Equal(t, outputs{
		"logGroupName":          "/apigateway/proj/dev/logs",
		"logGroupArn":           "arn:aws:logs:us-east-1:123456789012:log-group:/apigateway/proj/dev/logs",
		"cloudWatchRoleArn":     role.Outputs["arn"].StringValue(),
		"accountAction":         "create",
		"stageName":             "dev",
		"stageArn":              "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/dev",
		"invokeUrl":             "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev",
		"accessLogFormat":       clf,
		"executionLogGroupName": "",
	}, out)

	// RegisterComponentResourceV2 records the args as the components' inputs.
	composite := one(t, rec, "apigwlogs:index:AccessLogging")
	assert.Equal(t, "dev", composite.Input("stageName"))
	assert.Equal(t, float64(30), composite.Input("retentionInDays"))
	assert.Equal(t, "clf", composite.Input("accessLogFormat"))
	assert.Equal(t, map[string]any{"team": "payments"}, composite.Input("tags"))
	assert.Equal(t, false, composite.Input("xrayTracing"), "plain booleans are recorded too")
	assert.Equal(t, float64(0), composite.Input("alarm5xxThreshold"), "and plain integers")
	assert.Equal(t, "/apigateway/proj/dev/logs", one(t, rec, "apigwlogs:index:LogGroup").Input("name"))
}

// Every account mode against every state of the region's setting: what is read, created and written, what the
// stage waits for, and the role ARN and action importers read.
func TestAccountModes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mode    apigwlogs.AccountMode
		roleARN pulumi.StringInput
		setting string
		// wantRead: the setting is read; wantRole: a role is registered (wantImport: adopted by name).
		wantRead, wantRole, wantAccount bool
		wantImport                      string
		wantAction                      apigwlogs.AccountAction
		// wantRoleARN is the cloudWatchRoleArn output; "created" means the created role's ARN.
		wantRoleARN string
	}{
		{name: "zero value is auto, fresh account", setting: "", wantRead: true, wantRole: true, wantAccount: true,
			wantAction: apigwlogs.ActionCreate, wantRoleARN: "created"},
		{name: "auto, set by someone else", mode: apigwlogs.AccountAuto, setting: otherRole, wantRead: true,
			wantAction: apigwlogs.ActionUseExisting, wantRoleARN: otherRole},
		{name: "auto, set by another stack of this project", mode: apigwlogs.AccountAuto,
			setting:  "arn:aws:iam::123456789012:role/apigw-access-logs/proj/prod/logs/logs-00000b2",
			wantRead: true, wantAction: apigwlogs.ActionUseExisting,
			wantRoleARN: "arn:aws:iam::123456789012:role/apigw-access-logs/proj/prod/logs/logs-00000b2"},
		{name: "auto, set by this stack earlier", mode: apigwlogs.AccountAuto, setting: ownRole, wantRead: true,
			wantRole: true, wantAccount: true, wantImport: "logs-00000a1", wantAction: apigwlogs.ActionKeep,
			wantRoleARN: ownRole},
		{name: "manage, fresh account", mode: apigwlogs.AccountManage, wantRead: true, wantRole: true,
			wantAccount: true, wantAction: apigwlogs.ActionCreate, wantRoleARN: "created"},
		{name: "manage takes over", mode: apigwlogs.AccountManage, setting: otherRole, wantRead: true, wantRole: true,
			wantAccount: true, wantAction: apigwlogs.ActionTakeOver, wantRoleARN: "created"},
		{name: "manage with a role ARN", mode: apigwlogs.AccountManage, roleARN: pulumi.String(otherRole),
			setting: "", wantAccount: true, wantAction: apigwlogs.ActionSet, wantRoleARN: otherRole},
		{name: "leave", mode: apigwlogs.AccountLeave, setting: otherRole, wantAction: apigwlogs.ActionNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec, out, err := run(t, "dev", mocks.AWS(tt.setting), func() *apigwlogs.AccessLoggingArgs {
				a := baseArgs()
				a.AccountSetting, a.CloudWatchRoleARN = tt.mode, tt.roleARN
				return a
			})
			require.NoError(t, err)
			assert.Equal(t, string(tt.wantAction), out["accountAction"])
			assert.Len(t, rec.Reads(accountType), map[bool]int{true: 1}[tt.wantRead], "reads of the setting")
			assert.Len(t, rec.OfType(roleType), map[bool]int{true: 1}[tt.wantRole], "roles")
			assert.Len(t, rec.OfType(attachmentType), map[bool]int{true: 1}[tt.wantRole], "policy attachments")
			require.Len(t, rec.OfType(accountType), map[bool]int{true: 1}[tt.wantAccount], "account settings written")

			wantRoleARN := tt.wantRoleARN
			if tt.wantRole {
				role := one(t, rec, roleType)
				assert.Equal(t, tt.wantImport, role.ImportID, "import id")
				if tt.wantImport != "" {
					assert.Equal(t, tt.wantImport, role.Input("name"), "an adopted role keeps its name")
				}
				if wantRoleARN == "created" {
					wantRoleARN = role.Outputs["arn"].StringValue()
				}
			}
			assert.Equal(t, wantRoleARN, out["cloudWatchRoleArn"])

			stage := one(t, rec, stageType)
			if !tt.wantAccount {
				return
			}
			account := one(t, rec, accountType)
			assert.True(t, stage.DependsOn(account), "stage waits for the account")
			assert.True(t, account.RetainOnDelete)
			if tt.roleARN != nil {
				assert.Equal(t, otherRole, account.Input("cloudwatchRoleArn"))
				assert.Empty(t, account.Dependencies, "an existing role has nothing to wait for")
			}
		})
	}
}

func TestAccessLoggingDefaults(t *testing.T) {
	t.Parallel()
	rec, out, err := run(t, "dev", mocks.AWS(""), baseArgs)
	require.NoError(t, err)
	group := one(t, rec, logGroupType)
	assert.Equal(t, float64(apigwlogs.DefaultRetentionInDays), group.Input("retentionInDays"))
	assert.Nil(t, group.Input("kmsKeyId"))
	want, err := accesslog.Resolve(apigwlogs.DefaultFormat, accesslog.REST)
	require.NoError(t, err)
	settings := one(t, rec, stageType).Input("accessLogSettings").(map[string]any)
	assert.Equal(t, want, settings["format"])
	assert.Equal(t, want, out["accessLogFormat"])
}

func TestPhysicalNamesDifferPerStack(t *testing.T) {
	t.Parallel()
	names := map[string]bool{}
	for _, stack := range []string{"dev", "prod"} {
		rec, _, err := run(t, stack, mocks.AWS(""), baseArgs)
		require.NoError(t, err)
		name := one(t, rec, logGroupType).Input("name").(string)
		assert.False(t, names[name], "log group name %q used by two stacks", name)
		names[name] = true
		assert.Nil(t, one(t, rec, roleType).Input("name"), "no fixed role name")
		assert.Equal(t, "/apigw-access-logs/proj/"+stack+"/logs/", one(t, rec, roleType).Input("path"))
	}
}

func TestAccessLoggingRejectsBadArgsAndRegistersNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mutate  func(*apigwlogs.AccessLoggingArgs)
		wantErr []string
	}{
		{"stage name", func(a *apigwlogs.AccessLoggingArgs) { a.StageName = pulumi.String("dev stage") }, []string{`"dev stage"`, "A-Z a-z 0-9 _ -"}},
		{"empty stage name", func(a *apigwlogs.AccessLoggingArgs) { a.StageName = pulumi.String("") }, []string{`""`, "1 to 128"}},
		{"long stage name", func(a *apigwlogs.AccessLoggingArgs) { a.StageName = pulumi.String(strings.Repeat("a", 129)) }, []string{"1 to 128"}},
		{"missing stage name", func(a *apigwlogs.AccessLoggingArgs) { a.StageName = nil }, []string{"stageName: stageName is required"}},
		{"retention", func(a *apigwlogs.AccessLoggingArgs) { a.RetentionInDays = pulumi.Int(10) }, []string{"10 days", "1, 3, 5, 7, 14"}},
		{"negative retention", func(a *apigwlogs.AccessLoggingArgs) { a.RetentionInDays = pulumi.Int(-1) }, []string{"-1 days"}},
		{"log group name", func(a *apigwlogs.AccessLoggingArgs) { a.LogGroupName = pulumi.String("a b") }, []string{`"a b"`}},
		{"reserved log group name", func(a *apigwlogs.AccessLoggingArgs) { a.LogGroupName = pulumi.String("aws/x") }, []string{"aws/"}},
		{"execution log group", func(a *apigwlogs.AccessLoggingArgs) {
			a.LogGroupName = pulumi.String("API-Gateway-Execution-Logs_a1b2c3d4e5/dev")
		}, []string{"execution-log group"}},
		{"KMS alias", func(a *apigwlogs.AccessLoggingArgs) { a.KMSKey = pulumi.String("alias/logs") }, []string{`"alias/logs"`, "aliases"}},
		{"bad role ARN", func(a *apigwlogs.AccessLoggingArgs) {
			a.AccountSetting, a.CloudWatchRoleARN = apigwlogs.AccountManage, pulumi.String("arn:aws:iam::123:role/x")
		}, []string{`"arn:aws:iam::123:role/x"`, "12-digit account"}},
		{"role ARN with auto", func(a *apigwlogs.AccessLoggingArgs) { a.CloudWatchRoleARN = pulumi.String(otherRole) },
			[]string{"accountSetting=auto, cloudWatchRoleArn=", "cannot be combined", "used only with manage"}},
		{"role ARN with leave", func(a *apigwlogs.AccessLoggingArgs) {
			a.AccountSetting, a.CloudWatchRoleARN = apigwlogs.AccountLeave, pulumi.String(otherRole)
		}, []string{"accountSetting=leave, cloudWatchRoleArn=", "cannot be combined"}},
		{"unknown mode", func(a *apigwlogs.AccessLoggingArgs) { a.AccountSetting = "own" }, []string{`"own"`, "auto", "manage", "leave"}},
		{"format without request id", func(a *apigwlogs.AccessLoggingArgs) { a.AccessLogFormat = pulumi.String("$context.status") }, []string{"accessLogFormat: ", "requestId"}},
		{"unknown preset", func(a *apigwlogs.AccessLoggingArgs) { a.AccessLogFormat = pulumi.String("jsonn") }, []string{"accessLogFormat: ", `"jsonn"`}},
		{"missing API", func(a *apigwlogs.AccessLoggingArgs) { a.APIID = nil }, []string{"apiId: apiId is required"}},
		{"missing deployment", func(a *apigwlogs.AccessLoggingArgs) { a.DeploymentID = nil }, []string{"deploymentId: deploymentId is required"}},
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
			assert.Contains(t, err.Error(), "access logging logs: ")
			for _, want := range tt.wantErr {
				assert.Contains(t, err.Error(), want)
			}
			assert.Empty(t, rec.Resources(), "nothing may be registered or read for bad args")
		})
	}
}

// Inputs computed by other resources cannot be checked before registration; each is checked when it resolves,
// and the deployment fails there instead of sending a bad value to AWS.
func TestComputedInputsAreValidatedWhenTheyResolve(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mutate  func(*apigwlogs.AccessLoggingArgs)
		wantErr string
	}{
		{"format", func(a *apigwlogs.AccessLoggingArgs) {
			a.AccessLogFormat = pulumi.String("$context.status").ToStringOutput()
		}, "requestId"},
		{"stage name", func(a *apigwlogs.AccessLoggingArgs) { a.StageName = pulumi.String("dev.1").ToStringOutput() }, `stage name "dev.1"`},
		{"retention", func(a *apigwlogs.AccessLoggingArgs) { a.RetentionInDays = pulumi.Int(2).ToIntOutput() }, "retention 2 days"},
		{"log group name", func(a *apigwlogs.AccessLoggingArgs) { a.LogGroupName = pulumi.String("aws/x").ToStringOutput() }, `"aws/x"`},
		{"role ARN", func(a *apigwlogs.AccessLoggingArgs) {
			a.AccountSetting, a.CloudWatchRoleARN = apigwlogs.AccountManage, pulumi.String("role/x").ToStringOutput()
		}, `"role/x"`},
		{"API id", func(a *apigwlogs.AccessLoggingArgs) { a.APIID = pulumi.String("A1").ToStringOutput() }, `API id "A1"`},
		{"KMS key that resolves to create", func(a *apigwlogs.AccessLoggingArgs) {
			a.KMSKey = pulumi.String(apigwlogs.KMSKeyCreate).ToStringOutput()
		}, "create must be known when the program runs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
				a := baseArgs()
				tt.mutate(a)
				return a
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
	// A good computed value goes through.
	rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.StageName = pulumi.String("prod").ToStringOutput()
		a.RetentionInDays = pulumi.Int(90).ToIntOutput()
		return a
	})
	require.NoError(t, err)
	assert.Equal(t, "prod", one(t, rec, stageType).Input("stageName"))
	assert.Equal(t, float64(90), one(t, rec, logGroupType).Input("retentionInDays"))
	// A component records the inputs known at construction; computed ones are not awaited (that would hold
	// every child back until they resolve).
	composite := one(t, rec, "apigwlogs:index:AccessLogging")
	assert.Equal(t, "a1b2c3d4e5", composite.Input("apiId"))
	assert.Nil(t, composite.Input("stageName"))
	assert.Nil(t, composite.Input("retentionInDays"))
}

func TestComponentsUsedOnTheirOwnCheckTheirArgs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		program func(ctx *pulumi.Context) error
		wantErr string
	}{
		{"account with a role ARN and auto", func(ctx *pulumi.Context) error {
			_, err := apigwlogs.NewAccount(ctx, "a", &apigwlogs.AccountArgs{CloudWatchRoleARN: pulumi.String(otherRole)})
			return err
		}, "account a: accountSetting=auto, cloudWatchRoleArn="},
		{"account with a bad ARN", func(ctx *pulumi.Context) error {
			_, err := apigwlogs.NewAccount(ctx, "a", &apigwlogs.AccountArgs{
				AccountSetting: apigwlogs.AccountManage, CloudWatchRoleARN: pulumi.String("role/x"),
			})
			return err
		}, `"role/x"`},
		{"stage without log group", func(ctx *pulumi.Context) error {
			_, err := apigwlogs.NewStage(ctx, "s", &apigwlogs.StageArgs{
				APIID: pulumi.String("a1b2c3d4e5"), DeploymentID: pulumi.String("d"), StageName: pulumi.String("dev"),
			})
			return err
		}, "stage s: logGroup=false, firehoseStreamArn= cannot be combined"},
		{"stage with a bad name", func(ctx *pulumi.Context) error {
			_, err := apigwlogs.NewStage(ctx, "s", &apigwlogs.StageArgs{
				APIID: pulumi.String("a1b2c3d4e5"), DeploymentID: pulumi.String("d"), StageName: pulumi.String("a b"),
			})
			return err
		}, `stage s: stageName: stage name "a b"`},
		{"log group with a bad retention", func(ctx *pulumi.Context) error {
			_, err := apigwlogs.NewLogGroup(ctx, "g", &apigwlogs.LogGroupArgs{RetentionInDays: pulumi.Int(2)})
			return err
		}, "log group g: retentionInDays: retention 2 days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec, err := mocks.Run(project, "dev", nil, mocks.AWS(""), tt.program)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Empty(t, rec.Resources())
		})
	}
}

func TestRetentionZeroMeansNeverExpire(t *testing.T) {
	t.Parallel()
	rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.RetentionInDays = pulumi.Int(0)
		return a
	})
	require.NoError(t, err)
	assert.Equal(t, float64(0), one(t, rec, logGroupType).Input("retentionInDays"))
}

// The managed policy's ARN is in the provider's partition, read with an invoke that previews run too, so it
// is a plain string in the first preview.
func TestPolicyARNFollowsTheProvidersPartition(t *testing.T) {
	t.Parallel()
	for _, partition := range []string{"aws", "aws-cn", "aws-us-gov"} {
		m := mocks.AWS("")
		aws := m.CallF
		m.CallF = func(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
			if args.Token == "aws:index/getPartition:getPartition" {
				return resource.PropertyMap{"partition": resource.NewProperty(partition)}, nil
			}
			return aws(args)
		}
		rec, _, err := run(t, "dev", m, baseArgs)
		require.NoError(t, err)
		want := "arn:" + partition + ":iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
		assert.Equal(t, want, one(t, rec, attachmentType).Input("policyArn"))
	}
}

func TestPushToCloudWatchPolicyARN(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want, wantErr string }{
		{in: "arn:aws:iam::123456789012:role/r", want: pushPolicy},
		{in: "arn:aws-cn:iam::123456789012:role/r", want: "arn:aws-cn:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"},
		{in: "role/r", wantErr: `"role/r"`},
	}
	for _, tt := range tests {
		got, err := apigwlogs.PushToCloudWatchPolicyARN(tt.in)
		if tt.wantErr != "" {
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "got %s, want %s", got, tt.want)
	}
}
