package apigwlogs

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LogGroupArgs configures a [LogGroup]. All fields are optional.
type LogGroupArgs struct {
	// Name is the log group's name. Optional: DefaultLogGroupName(ctx, name), unique per project, stack and
	// component. It can never be API Gateway's own execution-log group.
	Name pulumi.StringInput `pulumi:"name"`
	// RetentionInDays is how long CloudWatch keeps the logs: one of RetentionValues, where 0 means never
	// expire. Optional: DefaultRetentionInDays. Changing it updates the group in place.
	RetentionInDays pulumi.IntInput `pulumi:"retentionInDays"`
	// KMSKeyARN is the ARN of a symmetric KMS key that encrypts the logs. Optional. The key policy must let
	// logs.<region>.amazonaws.com use the key for this group (shared/AWS-NOTES.md, CloudWatch Logs).
	KMSKeyARN pulumi.StringInput `pulumi:"kmsKeyArn"`
	// Tags are added to the log group. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags"`
}

// validate checks the args and fills in the defaults. Known values are checked now; computed ones when they
// resolve, before the log group that uses them is sent to AWS.
func (a *LogGroupArgs) validate(ctx *pulumi.Context, name string) (*LogGroupArgs, error) {
	if a == nil {
		a = &LogGroupArgs{}
	}
	out := *a
	var err error
	if out.Name == nil {
		out.Name = pulumi.String(DefaultLogGroupName(ctx, name))
	}
	if out.Name, err = checkString(out.Name, ValidateLogGroupName); err != nil {
		return nil, err
	}
	if out.RetentionInDays == nil {
		out.RetentionInDays = pulumi.Int(DefaultRetentionInDays)
	}
	if out.RetentionInDays, err = checkInt(out.RetentionInDays, ValidateRetention); err != nil {
		return nil, err
	}
	if out.KMSKeyARN, err = checkString(out.KMSKeyARN, ValidateKMSKeyARN); err != nil {
		return nil, err
	}
	return &out, nil
}

// LogGroup is the CloudWatch log group that receives a stage's access logs.
type LogGroup struct {
	pulumi.ResourceState

	// Name is the log group's name.
	Name pulumi.StringOutput `pulumi:"name"`
	// ARN is the log group's ARN, without the trailing ":*", as API Gateway's destinationArn wants it.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// RetentionInDays is the group's retention (0 = never expire).
	RetentionInDays pulumi.IntOutput `pulumi:"retentionInDays"`

	// LogGroup is the CloudWatch log group itself, for DependsOn and further wiring.
	LogGroup *cloudwatch.LogGroup
}

// DefaultLogGroupName is the name a [LogGroup] called name gets when its args name none:
// /apigateway/<project>/<stack>/<name>. Project, stack and name make it unique for every stack in one account
// and region; CloudWatch accepts every character Pulumi allows in them.
func DefaultLogGroupName(ctx *pulumi.Context, name string) string {
	return fmt.Sprintf("/apigateway/%s/%s/%s", ctx.Project(), ctx.Stack(), name)
}

// NewLogGroup creates the access-log group. It checks its args before it registers anything.
func NewLogGroup(ctx *pulumi.Context, name string, args *LogGroupArgs, opts ...pulumi.ResourceOption) (*LogGroup, error) {
	checked, err := args.validate(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("log group %s: %w", name, err)
	}
	return newLogGroup(ctx, name, checked, opts...)
}

func newLogGroup(ctx *pulumi.Context, name string, args *LogGroupArgs, opts ...pulumi.ResourceOption) (*LogGroup, error) {
	c := &LogGroup{}
	if err := register(ctx, logGroupToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	group, err := cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{
		Name:            args.Name,
		RetentionInDays: args.RetentionInDays,
		KmsKeyId:        args.KMSKeyARN,
		Tags:            ownerTags(ctx, args.Tags),
	}, pulumi.Parent(c))
	if err != nil {
		return nil, err
	}
	c.LogGroup = group
	c.Name, c.ARN = group.Name, group.Arn
	c.RetentionInDays = group.RetentionInDays.ApplyT(func(days *int) int {
		if days == nil {
			return 0
		}
		return *days
	}).(pulumi.IntOutput)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"name": c.Name, "arn": c.ARN, "retentionInDays": c.RetentionInDays,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// OwnerTagKey tags every log group this package creates with "<project>/<stack>", so a later run can tell a
// group it created (kept by a destroy, or lost from the state) from one API Gateway or another tool created.
const OwnerTagKey = "apigw-access-logs:owner"

// ownerTags adds the owner tag to tags.
func ownerTags(ctx *pulumi.Context, tags pulumi.StringMapInput) pulumi.StringMapInput {
	owner := pulumi.String(ctx.Project() + "/" + ctx.Stack())
	if tags == nil {
		return pulumi.StringMap{OwnerTagKey: owner}
	}
	return tags.ToStringMapOutput().ApplyT(func(m map[string]string) map[string]string {
		out := map[string]string{OwnerTagKey: ctx.Project() + "/" + ctx.Stack()}
		for k, v := range m {
			out[k] = v
		}
		return out
	}).(pulumi.StringMapOutput)
}

// groupAdoption decides how a log group with a name known now is registered, from what exists in the region
// (two invokes, which previews run too): absent, it is created; present with this stack's owner tag, it is
// imported under its name (a no-op when it is already in the state, an adoption after a destroy that kept it);
// present without the tag, it is imported only when adopt is set, and otherwise the program stops with what to
// do, instead of AWS failing the create with ResourceAlreadyExistsException.
func groupAdoption(ctx *pulumi.Context, group string, adopt bool, parent pulumi.Resource, howToAdopt string) ([]pulumi.ResourceOption, error) {
	found, err := cloudwatch.GetLogGroups(ctx, &cloudwatch.GetLogGroupsArgs{LogGroupNamePrefix: &group}, pulumi.Parent(parent))
	if err != nil {
		return nil, fmt.Errorf("looking for log group %s: %w", group, err)
	}
	if !slices.Contains(found.LogGroupNames, group) {
		return nil, nil
	}
	existing, err := cloudwatch.LookupLogGroup(ctx, &cloudwatch.LookupLogGroupArgs{Name: group}, pulumi.Parent(parent))
	if err != nil {
		return nil, fmt.Errorf("reading log group %s: %w", group, err)
	}
	if !adopt && existing.Tags[OwnerTagKey] != ctx.Project()+"/"+ctx.Stack() {
		return nil, fmt.Errorf("log group %s already exists and this stack did not create it: %s", group, howToAdopt)
	}
	return []pulumi.ResourceOption{pulumi.Import(pulumi.ID(group))}, nil
}
