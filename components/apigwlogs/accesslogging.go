package apigwlogs

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AccountMode says what a stack does with the region's API Gateway account setting, which is one per account
// and region and shared by every REST API there.
type AccountMode int

const (
	// CreateRole creates a CloudWatch role and points the account setting at it. The default; exactly one
	// stack per account and region should use it.
	CreateRole AccountMode = iota
	// ExistingRole points the account setting at an existing role (AccessLoggingArgs.CloudWatchRoleARN).
	ExistingRole
	// ManagedElsewhere leaves the account setting alone: another stack or an administrator manages it.
	ManagedElsewhere
)

// String names the mode.
func (m AccountMode) String() string {
	switch m {
	case CreateRole:
		return "CreateRole"
	case ExistingRole:
		return "ExistingRole"
	case ManagedElsewhere:
		return "ManagedElsewhere"
	}
	return fmt.Sprintf("AccountMode(%d)", int(m))
}

// AccessLoggingArgs configures [AccessLogging]. RestAPIID, DeploymentID and StageName are required.
type AccessLoggingArgs struct {
	// RestAPIID is the REST API whose stage logs.
	RestAPIID pulumi.StringInput
	// DeploymentID is the deployment the stage serves.
	DeploymentID pulumi.StringInput
	// StageName is the stage's name.
	StageName string
	// Format is a preset name or a custom format; see StageArgs.Format. Optional: DefaultFormat.
	Format pulumi.StringInput
	// LogGroupName names the access-log group. Optional: DefaultLogGroupName(ctx, name).
	LogGroupName string
	// RetentionInDays is the log group's retention; see LogGroupArgs.RetentionInDays. Optional: 7 days.
	RetentionInDays *int
	// KMSKeyARN encrypts the log group. Optional.
	KMSKeyARN pulumi.StringInput
	// AccountMode says what to do with the account setting. Optional: CreateRole.
	AccountMode AccountMode
	// CloudWatchRoleARN is the existing role for ExistingRole; it must be unset otherwise.
	CloudWatchRoleARN pulumi.StringInput
	// Tags are added to everything that takes tags. Optional.
	Tags pulumi.StringMapInput
}

// AccessLogging wires a [LogGroup], a [CloudWatchRole] and an [Account] (as AccountMode asks) and a [Stage]
// that logs to the group: access logging for one REST API stage in one call.
type AccessLogging struct {
	pulumi.ResourceState

	// LogGroupName is the access-log group's name.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// LogGroupARN is the access-log group's ARN.
	LogGroupARN pulumi.StringOutput `pulumi:"logGroupArn"`
	// CloudWatchRoleARN is the role the account setting points at; empty for ManagedElsewhere.
	CloudWatchRoleARN pulumi.StringOutput `pulumi:"cloudWatchRoleArn"`
	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// InvokeURL is the URL that invokes the stage.
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// Format is the access-log format the stage uses.
	Format pulumi.StringOutput `pulumi:"accessLogFormat"`

	// LogGroup, CloudWatchRole, Account and Stage are the parts; CloudWatchRole is nil unless AccountMode
	// is CreateRole, Account is nil for ManagedElsewhere.
	LogGroup       *LogGroup
	CloudWatchRole *CloudWatchRole
	Account        *Account
	Stage          *Stage
}

// NewAccessLogging creates the parts. All args are checked before anything is registered.
func NewAccessLogging(ctx *pulumi.Context, name string, args *AccessLoggingArgs, opts ...pulumi.ResourceOption) (*AccessLogging, error) {
	if args == nil {
		return nil, fmt.Errorf("access logging: args are required")
	}
	if err := args.validate(ctx, name); err != nil {
		return nil, err
	}

	c := &AccessLogging{}
	if err := ctx.RegisterComponentResource(accessLoggingToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	logGroup, err := NewLogGroup(ctx, name+"-log-group", &LogGroupArgs{
		Name:            args.logGroupName(ctx, name),
		RetentionInDays: args.RetentionInDays,
		KMSKeyARN:       args.KMSKeyARN,
		Tags:            args.Tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	c.LogGroup = logGroup

	c.CloudWatchRoleARN = pulumi.String("").ToStringOutput()
	switch args.AccountMode {
	case CreateRole:
		if c.CloudWatchRole, err = NewCloudWatchRole(ctx, name+"-cloudwatch-role", &CloudWatchRoleArgs{Tags: args.Tags}, parent); err != nil {
			return nil, err
		}
		if c.Account, err = NewAccount(ctx, name+"-account", &AccountArgs{CloudWatchRole: c.CloudWatchRole}, parent); err != nil {
			return nil, err
		}
	case ExistingRole:
		if c.Account, err = NewAccount(ctx, name+"-account", &AccountArgs{RoleARN: args.CloudWatchRoleARN}, parent); err != nil {
			return nil, err
		}
	}
	if c.Account != nil {
		c.CloudWatchRoleARN = c.Account.CloudWatchRoleARN
	}

	c.Stage, err = NewStage(ctx, name+"-stage", &StageArgs{
		RestAPIID:    args.RestAPIID,
		DeploymentID: args.DeploymentID,
		StageName:    args.StageName,
		LogGroup:     logGroup,
		Format:       args.Format,
		Account:      c.Account,
		Tags:         args.Tags,
	}, parent)
	if err != nil {
		return nil, err
	}

	c.LogGroupName, c.LogGroupARN = logGroup.Name, logGroup.ARN
	c.StageName, c.InvokeURL, c.Format = c.Stage.StageName, c.Stage.InvokeURL, c.Stage.Format
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"logGroupName":      c.LogGroupName,
		"logGroupArn":       c.LogGroupARN,
		"cloudWatchRoleArn": c.CloudWatchRoleARN,
		"stageName":         c.StageName,
		"invokeUrl":         c.InvokeURL,
		"accessLogFormat":   c.Format,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

func (a *AccessLoggingArgs) logGroupName(ctx *pulumi.Context, name string) string {
	if a.LogGroupName != "" {
		return a.LogGroupName
	}
	return DefaultLogGroupName(ctx, name)
}

// validate checks everything the parts would check, so that a bad arg fails before the composite or any part
// is registered, not half-way through.
func (a *AccessLoggingArgs) validate(ctx *pulumi.Context, name string) error {
	switch a.AccountMode {
	case CreateRole, ManagedElsewhere:
		if a.CloudWatchRoleARN != nil {
			return fmt.Errorf("access logging: CloudWatchRoleARN is set but AccountMode is %s: it is used only with ExistingRole", a.AccountMode)
		}
	case ExistingRole:
		if a.CloudWatchRoleARN == nil {
			return fmt.Errorf("access logging: AccountMode ExistingRole needs CloudWatchRoleARN")
		}
		if v, ok := a.CloudWatchRoleARN.(pulumi.String); ok {
			if err := ValidateRoleARN(string(v)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("access logging: AccountMode %s is not one of CreateRole, ExistingRole, ManagedElsewhere", a.AccountMode)
	}
	if a.RestAPIID == nil || a.DeploymentID == nil {
		return fmt.Errorf("access logging: RestAPIID and DeploymentID are required")
	}
	if err := ValidateStageName(a.StageName); err != nil {
		return err
	}
	if err := ValidateLogGroupName(a.logGroupName(ctx, name)); err != nil {
		return err
	}
	if a.RetentionInDays != nil {
		if err := ValidateRetention(*a.RetentionInDays); err != nil {
			return err
		}
	}
	if v, ok := a.KMSKeyARN.(pulumi.String); ok {
		if err := ValidateKMSKeyARN(string(v)); err != nil {
			return err
		}
	}
	_, err := resolveFormat(a.Format)
	return err
}
