package apigwlogs

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// pushToCloudWatchPolicy is the AWS managed policy that lets API Gateway write logs; its ARN is built for the
// role's partition (aws, aws-cn, aws-us-gov, …). Source: API Gateway developer guide, "Set up CloudWatch
// logging for REST APIs in API Gateway".
const pushToCloudWatchPolicy = "iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"

// assumeRolePolicy lets API Gateway, and only API Gateway, assume the role.
const assumeRolePolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
	`"Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// CloudWatchRoleArgs configures a [CloudWatchRole].
type CloudWatchRoleArgs struct {
	// Tags are added to the role. Optional.
	Tags pulumi.StringMapInput
}

// CloudWatchRole is the IAM role API Gateway assumes to write access and execution logs to CloudWatch Logs:
// trusted by apigateway.amazonaws.com, with AmazonAPIGatewayPushToCloudWatchLogs attached.
//
// The role has no fixed name (Pulumi names it uniquely), because IAM role names are unique per account and a
// fixed one breaks the second stack. The role and its attachment are retained when the stack is destroyed:
// the regional account setting may point at this role for every REST API in the region, so deleting it would
// break their logging.
type CloudWatchRole struct {
	pulumi.ResourceState

	// ARN is the role's ARN.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// Name is the role's name.
	Name pulumi.StringOutput `pulumi:"name"`
	// Role is the IAM role itself.
	Role *iam.Role
	// PolicyAttachment attaches the managed policy; anything that needs the role's permissions must depend on
	// it, not only on the role.
	PolicyAttachment *iam.RolePolicyAttachment
}

// NewCloudWatchRole creates the role and attaches the managed policy to it.
func NewCloudWatchRole(ctx *pulumi.Context, name string, args *CloudWatchRoleArgs, opts ...pulumi.ResourceOption) (*CloudWatchRole, error) {
	if args == nil {
		args = &CloudWatchRoleArgs{}
	}
	c := &CloudWatchRole{}
	if err := ctx.RegisterComponentResource(cloudWatchRoleToken, name, c, opts...); err != nil {
		return nil, err
	}
	retain := pulumi.RetainOnDelete(true)
	role, err := iam.NewRole(ctx, name+"-role", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(assumeRolePolicy),
		Description:      pulumi.String("Lets API Gateway push access and execution logs to CloudWatch Logs"),
		Tags:             args.Tags,
	}, pulumi.Parent(c), retain)
	if err != nil {
		return nil, err
	}
	attachment, err := iam.NewRolePolicyAttachment(ctx, name+"-policy", &iam.RolePolicyAttachmentArgs{
		Role:      role.Name,
		PolicyArn: role.Arn.ApplyT(PushToCloudWatchPolicyARN).(pulumi.StringOutput),
	}, pulumi.Parent(c), retain)
	if err != nil {
		return nil, err
	}
	c.Role, c.PolicyAttachment = role, attachment
	c.ARN, c.Name = role.Arn, role.Name
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"arn": c.ARN, "name": c.Name}); err != nil {
		return nil, err
	}
	return c, nil
}

// PushToCloudWatchPolicyARN returns the ARN of AmazonAPIGatewayPushToCloudWatchLogs in the partition of the
// given ARN (any ARN of the account: its second field names the partition).
func PushToCloudWatchPolicyARN(arnInPartition string) (string, error) {
	parts := strings.SplitN(arnInPartition, ":", 3)
	if len(parts) < 3 || parts[0] != "arn" || parts[1] == "" {
		return "", fmt.Errorf("cannot read the partition from %q: want arn:<partition>:…", arnInPartition)
	}
	return "arn:" + parts[1] + ":" + pushToCloudWatchPolicy, nil
}
