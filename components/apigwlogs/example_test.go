package apigwlogs_test

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// The common case: one call turns on access logging for a stage of an API this program defines. Another stack
// owns the region's account setting.
func ExampleNewAccessLogging() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		api, err := apigateway.NewRestApi(ctx, "orders", &apigateway.RestApiArgs{})
		if err != nil {
			return err
		}
		// … resources, methods and integrations …
		deployment, err := apigateway.NewDeployment(ctx, "orders", &apigateway.DeploymentArgs{RestApi: api.ID()})
		if err != nil {
			return err
		}
		retention := 90
		logging, err := apigwlogs.NewAccessLogging(ctx, "orders-prod", &apigwlogs.AccessLoggingArgs{
			RestAPIID:       api.ID(),
			DeploymentID:    deployment.ID(),
			StageName:       "prod",
			Format:          pulumi.String("json"),
			RetentionInDays: &retention,
			AccountMode:     apigwlogs.ManagedElsewhere,
		})
		if err != nil {
			return err
		}
		ctx.Export("accessLogGroup", logging.LogGroupName)
		return nil
	})
}

// The parts on their own: the account takes the role component, so it cannot forget to wait for the policy
// attachment, and the stage takes the account and the log group.
func ExampleNewAccount() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		role, err := apigwlogs.NewCloudWatchRole(ctx, "apigw-cloudwatch", nil)
		if err != nil {
			return err
		}
		account, err := apigwlogs.NewAccount(ctx, "apigw-account", &apigwlogs.AccountArgs{CloudWatchRole: role})
		if err != nil {
			return err
		}
		group, err := apigwlogs.NewLogGroup(ctx, "orders-prod", &apigwlogs.LogGroupArgs{
			KMSKeyARN: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
		})
		if err != nil {
			return err
		}
		_, err = apigwlogs.NewStage(ctx, "orders-prod", &apigwlogs.StageArgs{
			RestAPIID:    pulumi.String("a1b2c3d4e5"),
			DeploymentID: pulumi.String("abc123"),
			StageName:    "prod",
			LogGroup:     group,
			Account:      account,
			Format:       pulumi.String(`$context.requestId $context.identity.sourceIp $context.status`),
		})
		return err
	})
}
