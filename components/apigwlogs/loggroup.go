package apigwlogs

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LogGroupArgs configures a [LogGroup].
type LogGroupArgs struct {
	// Name is the log group's name. Optional: the default, DefaultLogGroupName(ctx, name), is unique per
	// project, stack and component. It can never be API Gateway's own execution-log group.
	Name string
	// RetentionInDays is how long CloudWatch keeps the logs: one of RetentionValues, where 0 means never
	// expire. Optional: nil means DefaultRetentionInDays. Changing it updates the group in place.
	RetentionInDays *int
	// KMSKeyARN is the ARN of a symmetric KMS key that encrypts the logs. Optional. The key policy must let
	// logs.<region>.amazonaws.com use the key for this group (shared/AWS-NOTES.md, CloudWatch Logs).
	KMSKeyARN pulumi.StringInput
	// Tags are added to the log group. Optional.
	Tags pulumi.StringMapInput
}

// LogGroup is the CloudWatch log group that receives a stage's access logs.
type LogGroup struct {
	pulumi.ResourceState

	// Name is the log group's name.
	Name pulumi.StringOutput `pulumi:"name"`
	// ARN is the log group's ARN, without the trailing ":*", as API Gateway's destinationArn wants it.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// LogGroup is the CloudWatch log group itself, for DependsOn and further wiring.
	LogGroup *cloudwatch.LogGroup
}

// DefaultLogGroupName is the name a [LogGroup] called name gets when its args name none:
// /apigateway/<project>/<stack>/<name>. Project, stack and name make it unique for every stack
// in one account and region; CloudWatch accepts every character Pulumi allows in them.
func DefaultLogGroupName(ctx *pulumi.Context, name string) string {
	return fmt.Sprintf("/apigateway/%s/%s/%s", ctx.Project(), ctx.Stack(), name)
}

// NewLogGroup creates the access-log group. It checks its args before it registers anything.
func NewLogGroup(ctx *pulumi.Context, name string, args *LogGroupArgs, opts ...pulumi.ResourceOption) (*LogGroup, error) {
	if args == nil {
		args = &LogGroupArgs{}
	}
	groupName := args.Name
	if groupName == "" {
		groupName = DefaultLogGroupName(ctx, name)
	}
	if err := ValidateLogGroupName(groupName); err != nil {
		return nil, err
	}
	retention := DefaultRetentionInDays
	if args.RetentionInDays != nil {
		retention = *args.RetentionInDays
	}
	if err := ValidateRetention(retention); err != nil {
		return nil, err
	}
	kmsKeyARN, err := checkString(args.KMSKeyARN, ValidateKMSKeyARN)
	if err != nil {
		return nil, err
	}

	c := &LogGroup{}
	if err := ctx.RegisterComponentResource(logGroupToken, name, c, opts...); err != nil {
		return nil, err
	}
	groupArgs := &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(groupName),
		RetentionInDays: pulumi.Int(retention),
		Tags:            args.Tags,
	}
	if kmsKeyARN != nil {
		groupArgs.KmsKeyId = kmsKeyARN
	}
	group, err := cloudwatch.NewLogGroup(ctx, name+"-log-group", groupArgs, pulumi.Parent(c))
	if err != nil {
		return nil, err
	}
	c.LogGroup = group
	c.Name = group.Name
	c.ARN = group.Arn
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"name": c.Name, "arn": c.ARN}); err != nil {
		return nil, err
	}
	return c, nil
}
