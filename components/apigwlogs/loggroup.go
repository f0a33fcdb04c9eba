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
	Name pulumi.StringInput `pulumi:"name,optional"`
	// RetentionInDays is how long CloudWatch keeps the logs: one of RetentionValues, where 0 means never
	// expire. Optional: DefaultRetentionInDays. Changing it updates the group in place.
	RetentionInDays pulumi.IntInput `pulumi:"retentionInDays,optional"`
	// KMSKeyARN is the ARN of a symmetric KMS key that encrypts the logs. Optional. The key policy must let
	// logs.<region>.amazonaws.com use the key for this group (shared/AWS-NOTES.md, CloudWatch Logs).
	KMSKeyARN pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
	// Class is the log group class, fixed at creation (a change replaces the group): STANDARD (the default) or
	// INFREQUENT_ACCESS, half the ingestion price and no metric filters, subscription filters or Live Tail.
	Class LogGroupClass `pulumi:"logGroupClass,optional"`
	// DeleteOnDestroy deletes the group and its logs when the stack is destroyed. The default keeps them:
	// audit logs outlive the infrastructure they describe, and a later run of the same stack adopts the group.
	DeleteOnDestroy bool `pulumi:"deleteOnDestroy,optional"`
	// Tags are added to the log group. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// LogGroupClass is a CloudWatch Logs log group class. The zero value is STANDARD.
type LogGroupClass string

// The classes API Gateway's access logs can use. Source: CloudWatch Logs API reference, CreateLogGroup
// logGroupClass (DELIVERY is for vended-log delivery to S3 or Firehose only); shared/AWS-NOTES.md.
const (
	LogGroupClassStandard         LogGroupClass = "STANDARD"
	LogGroupClassInfrequentAccess LogGroupClass = "INFREQUENT_ACCESS"
)

// ValidateLogGroupClass checks a class.
func ValidateLogGroupClass(c LogGroupClass) error {
	switch c {
	case "", LogGroupClassStandard, LogGroupClassInfrequentAccess:
		return nil
	}
	return fmt.Errorf("log group class %q is not allowed: use STANDARD (the default) or INFREQUENT_ACCESS", string(c))
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
	if err := ValidateLogGroupClass(a.Class); err != nil {
		return nil, err
	}
	if out.Class == "" {
		out.Class = LogGroupClassStandard
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
	// The name is fixed, so a replacement (a class change) must delete the old group first: a new one of the
	// same name cannot exist beside it.
	groupOpts := []pulumi.ResourceOption{pulumi.Parent(c), pulumi.RetainOnDelete(!args.DeleteOnDestroy),
		pulumi.DeleteBeforeReplace(true)}
	if known, ok := args.Name.(pulumi.String); ok {
		// A group this stack kept on an earlier destroy is adopted; anyone else's stops the program here.
		adoption, existing, err := groupAdoption(ctx, string(known), false, c, "choose another name (LogGroupName, "+
			"or another stack or component name), or import the group into this stack with pulumi import")
		if err != nil {
			return nil, err
		}
		if existing != nil && existing.LogGroupClass != "" && existing.LogGroupClass != string(args.Class) && !args.DeleteOnDestroy {
			return nil, fmt.Errorf("log group %s is %s and the class is fixed at creation: changing it to %s "+
				"replaces the group, and this stack keeps its groups on delete, so the old one would stay in the "+
				"way; set DeleteOnDestroy (config retainLogGroupOnDestroy: false) for that run, which deletes the "+
				"old group and its logs, or keep %s", known, existing.LogGroupClass, args.Class, existing.LogGroupClass)
		}
		// A class change replaces the group, which an import option would forbid: the group is this stack's
		// (in its state), so it goes without one.
		if existing == nil || existing.LogGroupClass == "" || existing.LogGroupClass == string(args.Class) {
			groupOpts = append(groupOpts, adoption...)
		}
	}
	group, err := cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{
		Name:            args.Name,
		RetentionInDays: args.RetentionInDays,
		KmsKeyId:        args.KMSKeyARN,
		LogGroupClass:   pulumi.String(string(args.Class)),
		Tags:            ownerTags(ctx, args.Tags),
	}, groupOpts...)
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
//
// It also returns the existing group, nil when there is none.
func groupAdoption(ctx *pulumi.Context, group string, adopt bool, parent pulumi.Resource, howToAdopt string) ([]pulumi.ResourceOption, *cloudwatch.LookupLogGroupResult, error) {
	found, err := cloudwatch.GetLogGroups(ctx, &cloudwatch.GetLogGroupsArgs{LogGroupNamePrefix: &group}, pulumi.Parent(parent))
	if err != nil {
		return nil, nil, fmt.Errorf("looking for log group %s: %w", group, err)
	}
	if !slices.Contains(found.LogGroupNames, group) {
		return nil, nil, nil
	}
	existing, err := cloudwatch.LookupLogGroup(ctx, &cloudwatch.LookupLogGroupArgs{Name: group}, pulumi.Parent(parent))
	if err != nil {
		return nil, nil, fmt.Errorf("reading log group %s: %w", group, err)
	}
	if !adopt && existing.Tags[OwnerTagKey] != ctx.Project()+"/"+ctx.Stack() {
		return nil, nil, fmt.Errorf("log group %s already exists and this stack did not create it: %s", group, howToAdopt)
	}
	return []pulumi.ResourceOption{pulumi.Import(pulumi.ID(group))}, existing, nil
}
