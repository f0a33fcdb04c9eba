package tests

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/program"
	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// edgeProgram is the program's graph built by hand, with the two explicit waits optional: the account on the
// policy attachment, the stage on the account. It shows that the engine tests catch a missing edge.
func edgeProgram(accountWaitsForAttachment, stageWaitsForAccount bool) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		demo, err := program.NewDemoAPI(ctx, "demo-api", nil)
		if err != nil {
			return err
		}
		group, err := apigwlogs.NewLogGroup(ctx, "access-logs", &apigwlogs.LogGroupArgs{})
		if err != nil {
			return err
		}
		role, err := apigwlogs.NewCloudWatchRole(ctx, "cloudwatch-role", nil)
		if err != nil {
			return err
		}
		var accountDeps []pulumi.Resource
		if accountWaitsForAttachment {
			accountDeps = append(accountDeps, role.PolicyAttachment)
		}
		account, err := apigateway.NewAccount(ctx, "account", &apigateway.AccountArgs{
			CloudwatchRoleArn: role.ARN,
		}, pulumi.DependsOn(accountDeps))
		if err != nil {
			return err
		}
		var stageDeps []pulumi.Resource
		if stageWaitsForAccount {
			stageDeps = append(stageDeps, account)
		}
		_, err = apigateway.NewStage(ctx, "stage", &apigateway.StageArgs{
			RestApi:    demo.RestAPIID,
			Deployment: demo.DeploymentID,
			StageName:  pulumi.String("dev"),
			AccessLogSettings: &apigateway.StageAccessLogSettingsArgs{
				DestinationArn: group.ARN,
				Format:         pulumi.String("$context.requestId $context.status"),
			},
		}, pulumi.DependsOn(stageDeps))
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
