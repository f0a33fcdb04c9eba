package apigwlogs

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LogGroupArgs configures a [LogGroup]. All fields are optional, and each may be computed by another resource
// of the same update (a computed value is checked when it resolves, before the group is sent to AWS), except
// LogGroupClass and DeleteOnDestroy, which must be known when the program runs.
type LogGroupArgs struct {
	// Name is the log group's name. Optional: /apigateway/<project>/<stack>/<component name>, unique per
	// project, stack and component. It can never be API Gateway's own execution-log group.
	Name pulumi.StringInput `pulumi:"name,optional"`
	// RetentionInDays is how long CloudWatch keeps the logs, in days: 0 (never expire), 1, 3, 5, 7, 14, 30, 60,
	// 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653. Optional: 7. Changing
	// it updates the group in place.
	RetentionInDays pulumi.IntInput `pulumi:"retentionInDays,optional"`
	// KMSKey is the ARN of a symmetric KMS key that encrypts the logs; its key policy must let
	// logs.<region>.amazonaws.com use the key for this group. Optional: the AWS-owned key.
	KMSKey pulumi.StringInput `pulumi:"kmsKey,optional"`
	// LogGroupClass is the log group class, fixed at creation (a change replaces the group): STANDARD (the
	// default) or INFREQUENT_ACCESS, half the ingestion price and no metric filters, subscription filters or
	// Live Tail.
	LogGroupClass LogGroupClass `pulumi:"logGroupClass,optional"`
	// DeleteOnDestroy deletes the group and its logs when the stack is destroyed. The default, false, keeps
	// them: audit logs outlive the infrastructure they describe, and a later run of the same stack adopts the
	// group.
	DeleteOnDestroy bool `pulumi:"deleteOnDestroy,optional"`
	// Tags are added to the log group. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// LogGroupClass is a CloudWatch Logs log group class. The zero value is STANDARD.
type LogGroupClass string

// The classes API Gateway's access logs can use. Source: CloudWatch Logs API reference, CreateLogGroup
// logGroupClass (DELIVERY is for vended-log delivery to S3 or Firehose only); see components/AWS.md.
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

// Validate checks the args that are known when the program runs; [NewLogGroup] checks computed ones when they
// resolve. The error is one or more [ArgError]s.
func (a *LogGroupArgs) Validate() error {
	_, err := a.check(false)
	return err
}

// check validates the args (see checker) and returns them with computed values wrapped in their checks.
func (a *LogGroupArgs) check(wrap bool) (*LogGroupArgs, error) {
	if a == nil {
		a = &LogGroupArgs{}
	}
	c := &checker{wrap: wrap}
	c.tags(a.Tags)
	out := *a
	out.Name = c.str("name", a.Name, ValidateLogGroupName)
	out.RetentionInDays = c.int("retentionInDays", a.RetentionInDays, ValidateRetention)
	out.KMSKey = c.str("kmsKey", a.KMSKey, ValidateKMSKeyARN)
	if err := ValidateLogGroupClass(a.LogGroupClass); err != nil {
		c.add(fieldError("logGroupClass", string(a.LogGroupClass), err))
	}
	return &out, c.err()
}

// withDefaults fills in the name and retention a [LogGroup] called name gets when its args leave them out.
func (a *LogGroupArgs) withDefaults(ctx *pulumi.Context, name string) *LogGroupArgs {
	out := *a
	if out.Name == nil {
		out.Name = pulumi.String(DefaultLogGroupName(ctx, name))
	}
	if out.RetentionInDays == nil {
		out.RetentionInDays = pulumi.Int(DefaultRetentionInDays)
	}
	if out.LogGroupClass == "" {
		out.LogGroupClass = LogGroupClassStandard
	}
	return &out
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
	checked, err := args.check(true)
	if err != nil {
		return nil, fmt.Errorf("log group %s: %w", name, err)
	}
	return newLogGroup(ctx, name, checked.withDefaults(ctx, name), opts...)
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
		adoption, existing, err := groupAdoption(ctx, string(known), false, c, "choose another name (the name "+
			"field, or another stack or component name), or import the group into this stack with pulumi import")
		if err != nil {
			return nil, err
		}
		if existing != nil && existing.LogGroupClass != "" && existing.LogGroupClass != string(args.LogGroupClass) && !args.DeleteOnDestroy {
			return nil, fmt.Errorf("log group %s is %s and the class is fixed at creation: changing it to %s "+
				"replaces the group, and this stack keeps its groups on delete, so the old one would stay in the "+
				"way; set deleteOnDestroy for that run, which deletes the old group and its logs, or keep %s",
				known, existing.LogGroupClass, args.LogGroupClass, existing.LogGroupClass)
		}
		// A class change replaces the group, which an import option would forbid: the group is this stack's
		// (in its state), so it goes without one.
		if existing == nil || existing.LogGroupClass == "" || existing.LogGroupClass == string(args.LogGroupClass) {
			groupOpts = append(groupOpts, adoption...)
		}
	}
	group, err := cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{
		Name:            args.Name,
		RetentionInDays: args.RetentionInDays,
		KmsKeyId:        args.KMSKey,
		LogGroupClass:   pulumi.String(string(args.LogGroupClass)),
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
