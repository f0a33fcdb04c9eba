package apigwlogs

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// pushToCloudWatchPolicy is the AWS managed policy that lets API Gateway write logs; its ARN is built for the
// partition (aws, aws-cn, aws-us-gov, …). Source: API Gateway developer guide, "Set up CloudWatch logging for
// REST APIs in API Gateway".
const pushToCloudWatchPolicy = "iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"

// AssumeRolePolicy is the role's trust policy: API Gateway, and only API Gateway, may assume it.
const AssumeRolePolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
	`"Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// CloudWatchRoleArgs configures a [CloudWatchRole].
type CloudWatchRoleArgs struct {
	// Tags are added to the role. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// CloudWatchRole is the IAM role API Gateway assumes to write access and execution logs to CloudWatch Logs:
// trusted by apigateway.amazonaws.com, with AmazonAPIGatewayPushToCloudWatchLogs attached.
//
// The role has no fixed name (Pulumi names it uniquely), because IAM role names are unique per account and a
// fixed one breaks the second stack; its path, /apigw-access-logs/<project>/<stack>/<name>/, says which stack
// made it. The role and its attachment are retained when the stack is destroyed: the regional account setting
// may point at this role for every REST API in the region, so deleting it would break their logging.
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
	return newCloudWatchRole(ctx, name, args, rolePath(ctx, name), "", opts...)
}

// newCloudWatchRole creates the role under path. existing, when set, is the name of a role this stack created
// on an earlier run (its path says so): the role is adopted under that name, so a stack whose state was lost or
// destroyed while its retained role still holds the account setting takes the role back instead of leaving it
// behind and making another.
func newCloudWatchRole(ctx *pulumi.Context, name string, args *CloudWatchRoleArgs, path, existing string, opts ...pulumi.ResourceOption) (*CloudWatchRole, error) {
	if args == nil {
		args = &CloudWatchRoleArgs{}
	}
	c := &CloudWatchRole{}
	if err := register(ctx, cloudWatchRoleToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	// The partition comes from the provider's region through an invoke, which previews run too: the policy ARN
	// is a known value in the first preview, not output<string>. It is looked up once per run, and fetched
	// while the account setting is read.
	partition, err := lookupsFor(ctx, c, opts).partition()
	if err != nil {
		return nil, fmt.Errorf("cloudwatch role %s: reading the AWS partition: %w", name, err)
	}
	policyARN, err := PushToCloudWatchPolicyARN("arn:" + partition + ":")
	if err != nil {
		return nil, err
	}

	retain := pulumi.RetainOnDelete(true)
	roleArgs := &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(AssumeRolePolicy),
		Description:      pulumi.String("Lets API Gateway push access and execution logs to CloudWatch Logs"),
		Path:             pulumi.String(path),
		Tags:             args.Tags,
	}
	roleOpts := []pulumi.ResourceOption{pulumi.Parent(c), retain}
	if existing != "" {
		roleArgs.Name = pulumi.String(existing)
		roleOpts = append(roleOpts, pulumi.Import(pulumi.ID(existing)))
	}
	role, err := iam.NewRole(ctx, name, roleArgs, roleOpts...)
	if err != nil {
		return nil, err
	}
	attachment, err := iam.NewRolePolicyAttachment(ctx, name+"-policy", &iam.RolePolicyAttachmentArgs{
		Role:      role.Name,
		PolicyArn: pulumi.String(policyARN),
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
