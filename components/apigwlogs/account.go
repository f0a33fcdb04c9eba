package apigwlogs

import (
	"errors"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AccountArgs configures an [Account]. Exactly one of CloudWatchRole and RoleARN is set.
type AccountArgs struct {
	// CloudWatchRole is a role this program creates. The account setting waits for its policy attachment,
	// because IAM checks the role's permissions when the setting is written.
	CloudWatchRole *CloudWatchRole
	// RoleARN is an existing role that API Gateway can already assume and that already has
	// AmazonAPIGatewayPushToCloudWatchLogs (or equivalent) attached.
	RoleARN pulumi.StringInput
}

// Account is API Gateway's account setting for one region: the role every REST and WebSocket API in the
// region uses to write logs to CloudWatch. It is one per account and region, so it is retained when the stack
// is destroyed: destroying one stage's stack never takes logging away from the others.
type Account struct {
	pulumi.ResourceState

	// CloudWatchRoleARN is the role the setting points at.
	CloudWatchRoleARN pulumi.StringOutput `pulumi:"cloudWatchRoleArn"`
	// Account is the API Gateway account setting itself; stages that log must depend on it.
	Account *apigateway.Account
}

// NewAccount points the region's API Gateway account setting at a role.
func NewAccount(ctx *pulumi.Context, name string, args *AccountArgs, opts ...pulumi.ResourceOption) (*Account, error) {
	if args == nil || (args.CloudWatchRole == nil) == (args.RoleARN == nil) {
		return nil, errors.New("account: set exactly one of CloudWatchRole (a role this program creates) " +
			"and RoleARN (an existing role)")
	}
	roleARN := args.RoleARN
	var dependsOn []pulumi.Resource
	if args.CloudWatchRole != nil {
		roleARN = args.CloudWatchRole.ARN
		dependsOn = []pulumi.Resource{args.CloudWatchRole.PolicyAttachment}
	}
	roleARN, err := checkString(roleARN, ValidateRoleARN)
	if err != nil {
		return nil, err
	}

	c := &Account{}
	if err := ctx.RegisterComponentResource(accountToken, name, c, opts...); err != nil {
		return nil, err
	}
	account, err := apigateway.NewAccount(ctx, name+"-account", &apigateway.AccountArgs{
		CloudwatchRoleArn: roleARN,
	}, pulumi.Parent(c), pulumi.DependsOn(dependsOn), pulumi.RetainOnDelete(true))
	if err != nil {
		return nil, err
	}
	c.Account = account
	c.CloudWatchRoleARN = account.CloudwatchRoleArn
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"cloudWatchRoleArn": c.CloudWatchRoleARN}); err != nil {
		return nil, err
	}
	return c, nil
}
