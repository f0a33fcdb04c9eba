package apigwlogs_test

import (
	"encoding/json"
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
	project = "proj"

	logGroupType   = "aws:cloudwatch/logGroup:LogGroup"
	roleType       = "aws:iam/role:Role"
	attachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	accountType    = "aws:apigateway/account:Account"
	stageType      = "aws:apigateway/stage:Stage"
)

// run runs one NewAccessLogging call with args on the mocks.
func run(t *testing.T, stack string, args func() *apigwlogs.AccessLoggingArgs) (*mocks.Recorder, error) {
	t.Helper()
	return mocks.Run(project, stack, nil, func(ctx *pulumi.Context) error {
		_, err := apigwlogs.NewAccessLogging(ctx, "logs", args())
		return err
	})
}

func baseArgs() *apigwlogs.AccessLoggingArgs {
	return &apigwlogs.AccessLoggingArgs{
		RestAPIID:    pulumi.String("a1b2c3d4e5"),
		DeploymentID: pulumi.String("dep123"),
		StageName:    "dev",
	}
}

// one returns the only resource of a type, failing the test if there is not exactly one.
func one(t *testing.T, rec *mocks.Recorder, typ string) mocks.Resource {
	t.Helper()
	got := rec.OfType(typ)
	require.Len(t, got, 1, "resources of type %s", typ)
	return got[0]
}

func TestAccessLoggingCreateRoleWiresEverything(t *testing.T) {
	t.Parallel()
	retention := 30
	rec, err := run(t, "dev", func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.RetentionInDays = &retention
		a.Format = pulumi.String("clf")
		a.KMSKeyARN = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
		a.Tags = pulumi.StringMap{"team": pulumi.String("payments")}
		return a
	})
	require.NoError(t, err)

	// Exactly these resources, each under the right parent.
	type key struct{ typ, name, parentType string }
	var got []key
	for _, r := range rec.Resources() {
		parentType := ""
		if p, ok := rec.ByURN(r.Parent); ok {
			parentType = p.Type
		}
		got = append(got, key{r.Type, r.Name, parentType})
	}
	assert.ElementsMatch(t, []key{
		{"apigwlogs:index:AccessLogging", "logs", ""},
		{"apigwlogs:index:LogGroup", "logs-log-group", "apigwlogs:index:AccessLogging"},
		{logGroupType, "logs-log-group-log-group", "apigwlogs:index:LogGroup"},
		{"apigwlogs:index:CloudWatchRole", "logs-cloudwatch-role", "apigwlogs:index:AccessLogging"},
		{roleType, "logs-cloudwatch-role-role", "apigwlogs:index:CloudWatchRole"},
		{attachmentType, "logs-cloudwatch-role-policy", "apigwlogs:index:CloudWatchRole"},
		{"apigwlogs:index:Account", "logs-account", "apigwlogs:index:AccessLogging"},
		{accountType, "logs-account-account", "apigwlogs:index:Account"},
		{"apigwlogs:index:Stage", "logs-stage", "apigwlogs:index:AccessLogging"},
		{stageType, "logs-stage-stage", "apigwlogs:index:Stage"},
	}, got)

	group := one(t, rec, logGroupType)
	assert.Equal(t, "/apigateway/proj/dev/logs", group.Input("name"))
	assert.Equal(t, float64(30), group.Input("retentionInDays"))
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", group.Input("kmsKeyId"))
	assert.Equal(t, map[string]any{"team": "payments"}, group.Input("tags"))
	assert.False(t, group.RetainOnDelete)

	role := one(t, rec, roleType)
	assert.Nil(t, role.Input("name"), "the role must be auto-named: IAM role names are unique per account")
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

	roleName := role.Outputs["name"].StringValue()
	roleARN := role.Outputs["arn"].StringValue()
	attachment := one(t, rec, attachmentType)
	assert.Equal(t, roleName, attachment.Input("role"))
	assert.Equal(t, "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs", attachment.Input("policyArn"))
	assert.True(t, attachment.RetainOnDelete, "attachment retained on delete")

	account := one(t, rec, accountType)
	assert.Equal(t, roleARN, account.Input("cloudwatchRoleArn"))
	assert.True(t, account.RetainOnDelete, "account retained on delete")
	assert.True(t, account.DependsOn(attachment), "account must wait for the policy attachment: IAM checks the role's permissions when the setting is written")

	stage := one(t, rec, stageType)
	assert.Equal(t, "a1b2c3d4e5", stage.Input("restApi"))
	assert.Equal(t, "dep123", stage.Input("deployment"))
	assert.Equal(t, "dev", stage.Input("stageName"))
	clf, err := accesslog.Resolve("clf", accesslog.REST)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"destinationArn": group.Outputs["arn"].StringValue(),
		"format":         clf,
	}, stage.Input("accessLogSettings"))
	assert.Equal(t, map[string]any{"team": "payments"}, stage.Input("tags"))
	assert.False(t, stage.RetainOnDelete)
	assert.True(t, stage.DependsOn(account), "stage must wait for the account: API Gateway rejects access-log settings while the account has no role")
	assert.True(t, stage.DependsOn(group), "stage must wait for the log group")
}

func TestAccessLoggingAccountModes(t *testing.T) {
	t.Parallel()
	const existing = "arn:aws:iam::123456789012:role/shared-apigw-cloudwatch"
	tests := []struct {
		mode                    apigwlogs.AccountMode
		roleARN                 pulumi.StringInput
		wantRoles, wantAccounts int
		wantAccountRoleARN      string
	}{
		{mode: apigwlogs.CreateRole, wantRoles: 1, wantAccounts: 1},
		{mode: apigwlogs.ExistingRole, roleARN: pulumi.String(existing), wantAccounts: 1, wantAccountRoleARN: existing},
		{mode: apigwlogs.ManagedElsewhere},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			t.Parallel()
			rec, err := run(t, "dev", func() *apigwlogs.AccessLoggingArgs {
				a := baseArgs()
				a.AccountMode, a.CloudWatchRoleARN = tt.mode, tt.roleARN
				return a
			})
			require.NoError(t, err)
			assert.Len(t, rec.OfType(roleType), tt.wantRoles)
			assert.Len(t, rec.OfType(attachmentType), tt.wantRoles)
			require.Len(t, rec.OfType(accountType), tt.wantAccounts)
			stage := one(t, rec, stageType)
			if tt.wantAccounts == 0 {
				for _, d := range stage.Dependencies {
					r, _ := rec.ByURN(d)
					assert.NotEqual(t, accountType, r.Type)
				}
				return
			}
			account := one(t, rec, accountType)
			assert.True(t, stage.DependsOn(account), "stage waits for the account")
			assert.True(t, account.RetainOnDelete)
			if tt.wantAccountRoleARN != "" {
				assert.Equal(t, tt.wantAccountRoleARN, account.Input("cloudwatchRoleArn"))
				assert.Empty(t, account.Dependencies, "an existing role has nothing to wait for")
			}
		})
	}
}

func TestAccessLoggingDefaults(t *testing.T) {
	t.Parallel()
	rec, err := run(t, "dev", baseArgs)
	require.NoError(t, err)
	group := one(t, rec, logGroupType)
	assert.Equal(t, float64(apigwlogs.DefaultRetentionInDays), group.Input("retentionInDays"))
	assert.Nil(t, group.Input("kmsKeyId"))
	want, err := accesslog.Resolve(apigwlogs.DefaultFormat, accesslog.REST)
	require.NoError(t, err)
	settings := one(t, rec, stageType).Input("accessLogSettings").(map[string]any)
	assert.Equal(t, want, settings["format"])
}

func TestPhysicalNamesDifferPerStack(t *testing.T) {
	t.Parallel()
	names := map[string]bool{}
	for _, stack := range []string{"dev", "prod"} {
		rec, err := run(t, stack, baseArgs)
		require.NoError(t, err)
		name := one(t, rec, logGroupType).Input("name").(string)
		assert.False(t, names[name], "log group name %q used by two stacks", name)
		names[name] = true
		assert.Nil(t, one(t, rec, roleType).Input("name"), "no fixed role name")
	}
}

func TestAccessLoggingRejectsBadArgsAndRegistersNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mutate  func(*apigwlogs.AccessLoggingArgs)
		wantErr []string
	}{
		{"stage name", func(a *apigwlogs.AccessLoggingArgs) { a.StageName = "dev stage" }, []string{`"dev stage"`, "A-Z a-z 0-9 _ -"}},
		{"empty stage name", func(a *apigwlogs.AccessLoggingArgs) { a.StageName = "" }, []string{`""`, "1 to 128"}},
		{"long stage name", func(a *apigwlogs.AccessLoggingArgs) { a.StageName = strings.Repeat("a", 129) }, []string{"1 to 128"}},
		{"retention", func(a *apigwlogs.AccessLoggingArgs) { d := 10; a.RetentionInDays = &d }, []string{"10 days", "1, 3, 5, 7, 14"}},
		{"execution-log group name", func(a *apigwlogs.AccessLoggingArgs) { a.LogGroupName = "API-Gateway-Execution-Logs_a1b2c3d4e5/dev" }, []string{"API-Gateway-Execution-Logs_a1b2c3d4e5/dev", "execution-log group"}},
		{"log group chars", func(a *apigwlogs.AccessLoggingArgs) { a.LogGroupName = "logs:dev" }, []string{`"logs:dev"`, "A-Z a-z 0-9 . - _ / #"}},
		{"reserved log group prefix", func(a *apigwlogs.AccessLoggingArgs) { a.LogGroupName = "aws/logs" }, []string{`"aws/logs"`, "reserved"}},
		{"kms alias", func(a *apigwlogs.AccessLoggingArgs) { a.KMSKeyARN = pulumi.String("alias/logs") }, []string{`"alias/logs"`, "arn:<partition>:kms"}},
		{"role ARN", func(a *apigwlogs.AccessLoggingArgs) {
			a.AccountMode, a.CloudWatchRoleARN = apigwlogs.ExistingRole, pulumi.String("arn:aws:iam::123:role/x")
		}, []string{`"arn:aws:iam::123:role/x"`, "12-digit account"}},
		{"existing role without ARN", func(a *apigwlogs.AccessLoggingArgs) { a.AccountMode = apigwlogs.ExistingRole }, []string{"ExistingRole needs CloudWatchRoleARN"}},
		{"ARN with CreateRole", func(a *apigwlogs.AccessLoggingArgs) {
			a.CloudWatchRoleARN = pulumi.String("arn:aws:iam::123456789012:role/x")
		}, []string{"CloudWatchRoleARN is set but AccountMode is CreateRole"}},
		{"ARN with ManagedElsewhere", func(a *apigwlogs.AccessLoggingArgs) {
			a.AccountMode, a.CloudWatchRoleARN = apigwlogs.ManagedElsewhere, pulumi.String("arn:aws:iam::123456789012:role/x")
		}, []string{"AccountMode is ManagedElsewhere"}},
		{"unknown mode", func(a *apigwlogs.AccessLoggingArgs) { a.AccountMode = 7 }, []string{"AccountMode(7)"}},
		{"format without request id", func(a *apigwlogs.AccessLoggingArgs) { a.Format = pulumi.String("$context.status") }, []string{"access log format", "requestId"}},
		{"unknown preset", func(a *apigwlogs.AccessLoggingArgs) { a.Format = pulumi.String("jsonn") }, []string{"access log format", `"jsonn"`}},
		{"missing API", func(a *apigwlogs.AccessLoggingArgs) { a.RestAPIID = nil }, []string{"RestAPIID and DeploymentID are required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec, err := run(t, "dev", func() *apigwlogs.AccessLoggingArgs {
				a := baseArgs()
				tt.mutate(a)
				return a
			})
			require.Error(t, err)
			for _, want := range tt.wantErr {
				assert.Contains(t, err.Error(), want)
			}
			assert.Empty(t, rec.Resources(), "nothing may be registered for bad args")
		})
	}
}

// A format computed by another resource cannot be checked before registration; it is checked when it
// resolves, and the deployment fails there instead of sending a bad format to AWS.
func TestComputedFormatIsValidatedWhenItResolves(t *testing.T) {
	t.Parallel()
	_, err := run(t, "dev", func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.Format = pulumi.String("$context.status").ToStringOutput()
		return a
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "requestId")
}

func TestComponentsUsedOnTheirOwnCheckTheirArgs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		program func(ctx *pulumi.Context) error
		wantErr string
	}{
		{"account with neither role", func(ctx *pulumi.Context) error {
			_, err := apigwlogs.NewAccount(ctx, "a", &apigwlogs.AccountArgs{})
			return err
		}, "exactly one of CloudWatchRole"},
		{"account with a bad ARN", func(ctx *pulumi.Context) error {
			_, err := apigwlogs.NewAccount(ctx, "a", &apigwlogs.AccountArgs{RoleARN: pulumi.String("role/x")})
			return err
		}, `"role/x"`},
		{"stage without log group", func(ctx *pulumi.Context) error {
			_, err := apigwlogs.NewStage(ctx, "s", &apigwlogs.StageArgs{
				RestAPIID: pulumi.String("a1b2c3d4e5"), DeploymentID: pulumi.String("d"), StageName: "dev",
			})
			return err
		}, "LogGroup is required"},
		{"log group with a bad retention", func(ctx *pulumi.Context) error {
			d := 2
			_, err := apigwlogs.NewLogGroup(ctx, "g", &apigwlogs.LogGroupArgs{RetentionInDays: &d})
			return err
		}, "retention 2 days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec, err := mocks.Run(project, "dev", nil, tt.program)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Empty(t, rec.Resources())
		})
	}
}

func TestRetentionZeroMeansNeverExpire(t *testing.T) {
	t.Parallel()
	zero := 0
	rec, err := run(t, "dev", func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.RetentionInDays = &zero
		return a
	})
	require.NoError(t, err)
	assert.Equal(t, float64(0), one(t, rec, logGroupType).Input("retentionInDays"))
}

func TestPushToCloudWatchPolicyARNFollowsThePartition(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want, wantErr string }{
		{in: "arn:aws:iam::123456789012:role/r", want: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"},
		{in: "arn:aws-cn:iam::123456789012:role/r", want: "arn:aws-cn:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"},
		{in: "arn:aws-us-gov:iam::123456789012:role/r", want: "arn:aws-us-gov:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"},
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
