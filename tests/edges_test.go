package tests

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/program"
	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// edgeProgram wires the real components, with each of the two waits AWS needs either kept or lost the way a
// consumer could lose it: the account setting given the role's ARN instead of the role (so it waits for the
// role but not for its policy attachment), and the stage not given the account (so it does not wait for the
// setting). It shows that the engine tests catch a missing edge in the components' own wiring.
func edgeProgram(accountWaitsForAttachment, stageWaitsForAccount bool) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		demo, err := program.NewDemoAPI(ctx, "demo-api", nil)
		if err != nil {
			return err
		}
		group, err := apigwlogs.NewLogGroup(ctx, "access-logs", nil)
		if err != nil {
			return err
		}
		accountArgs := &apigwlogs.AccountArgs{AccountSetting: apigwlogs.AccountManage}
		if !accountWaitsForAttachment {
			role, err := apigwlogs.NewCloudWatchRole(ctx, "cloudwatch-role", nil)
			if err != nil {
				return err
			}
			accountArgs.CloudWatchRoleARN = role.ARN
		}
		account, err := apigwlogs.NewAccount(ctx, "account", accountArgs)
		if err != nil {
			return err
		}
		stageArgs := &apigwlogs.StageArgs{
			APIID:        demo.APIID,
			DeploymentID: demo.DeploymentID,
			StageName:    pulumi.String("dev"),
			LogGroup:     group,
		}
		if stageWaitsForAccount {
			stageArgs.Account = account
		}
		_, err = apigwlogs.NewStage(ctx, "stage", stageArgs)
		return err
	}
}

func TestMissingEdgesFailOnTheSimulatedAccount(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name                    string
		accountWaits, stageWait bool
		want                    string
	}{
		{"both edges", true, true, ""},
		{"no account to attachment edge", false, true, "The role ARN does not have required permissions set to API Gateway"},
		{"no stage to account edge", true, false, "CloudWatch Logs role ARN must be set in account settings to enable logging"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			// IAM is slow and API Gateway quick, as in AWS: what does not wait for IAM starts too early.
			ms := time.Millisecond
			acct := simaws.NewAccount(simaws.Options{
				Latency: map[string]simaws.Latency{
					simaws.TypeRole:                 simaws.Fixed(30 * ms),
					simaws.TypeRolePolicyAttachment: simaws.Fixed(30 * ms),
					simaws.TypeAccount:              simaws.Fixed(30 * ms),
				},
				DefaultLatency: simaws.Fixed(ms),
			})
			s := harness.NewStack("dev", acct, nil)
			s.Set("aws:region", "us-east-1")
			s.Program = edgeProgram(c.accountWaits, c.stageWait)
			res := s.Up(t)
			if c.want == "" {
				require.NoError(t, res.Err)
				assertOrdering(t, during(acct, s, res))
				return
			}
			require.Error(t, res.Err)
			assert.Contains(t, strings.Join(res.Diagnostics(), "\n"), c.want)
		})
	}
}
