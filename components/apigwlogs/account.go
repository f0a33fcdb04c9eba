package apigwlogs

import (
	"context"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
)

// AccountMode says what a stack does with the region's API Gateway account setting (cloudwatchRoleArn), which
// is one per account and region and shared by every REST and WebSocket API there. The zero value is
// [AccountAuto], the safe default.
type AccountMode string

// The account modes.
const (
	// AccountAuto reads the setting (a resource read, so previews show it). When it is empty, the stack creates
	// a CloudWatch role and sets it, and stays their owner on later runs; when it names a role this stack did
	// not create, the stack leaves it alone and creates no IAM resource. "" means AccountAuto.
	AccountAuto AccountMode = "auto"
	// AccountManage owns the setting: it points it at CloudWatchRoleARN, or at a role the stack creates (taking
	// the setting over from whoever set it before).
	AccountManage AccountMode = "manage"
	// AccountLeave never reads or writes the setting: another stack or an administrator owns it.
	AccountLeave AccountMode = "leave"
)

// AccountModes lists the modes, for error messages and schemas.
var AccountModes = []AccountMode{AccountAuto, AccountManage, AccountLeave}

// effective maps the zero value to AccountAuto.
func (m AccountMode) effective() AccountMode {
	if m == "" {
		return AccountAuto
	}
	return m
}

// ValidateAccountMode checks a mode.
func ValidateAccountMode(m AccountMode) error {
	switch m.effective() {
	case AccountAuto, AccountManage, AccountLeave:
		return nil
	}
	return fmt.Errorf("account setting %q is not allowed: use auto (the default: create the role and the setting "+
		"only when none is set), manage (own the setting) or leave (never touch it)", string(m))
}

// AccountAction is what a stack does with the account setting on this run, as [Account.Action] reports it.
type AccountAction string

// The actions.
const (
	// ActionCreate: the setting was empty; this stack creates a CloudWatch role and sets it (both retained on
	// destroy).
	ActionCreate AccountAction = "create"
	// ActionKeep: the setting names the role this stack created; it keeps managing both.
	ActionKeep AccountAction = "keep"
	// ActionTakeOver: mode manage and the setting names another role; this stack creates its own and sets it.
	ActionTakeOver AccountAction = "take-over"
	// ActionSet: mode manage with CloudWatchRoleARN; this stack points the setting at that role.
	ActionSet AccountAction = "set"
	// ActionUseExisting: mode auto and the setting names a role someone else owns; this stack creates nothing.
	ActionUseExisting AccountAction = "use-existing"
	// ActionNone: mode leave; the setting is neither read nor written.
	ActionNone AccountAction = "none"
)

// accountSettingID is the id of the one account setting per region, as pulumi-aws names it.
const accountSettingID = "api-gateway-account"

// AccountArgs configures an [Account]. All fields are optional.
type AccountArgs struct {
	// AccountSetting is the mode. Optional: AccountAuto.
	AccountSetting AccountMode `pulumi:"accountSetting,optional"`
	// CloudWatchRoleARN is an existing role for AccountManage: API Gateway must be able to assume it and it must
	// have AmazonAPIGatewayPushToCloudWatchLogs (or equivalent) attached. Empty to create a role. Only with
	// AccountManage.
	CloudWatchRoleARN pulumi.StringInput `pulumi:"cloudWatchRoleArn,optional"`
	// Tags are added to the role the account creates. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Validate checks the args that are known when the program runs; [NewAccount] checks a computed role ARN when
// it resolves. The error is one or more [ArgError]s.
func (a *AccountArgs) Validate() error {
	_, err := a.check(false)
	return err
}

// check validates the args (see checker): the mode, and the role ARN against the mode and its shape.
func (a *AccountArgs) check(wrap bool) (*AccountArgs, error) {
	if a == nil {
		a = &AccountArgs{}
	}
	c := &checker{wrap: wrap}
	c.tags(a.Tags)
	if err := ValidateAccountMode(a.AccountSetting); err != nil {
		c.add(fieldError("accountSetting", string(a.AccountSetting), err))
	}
	out := *a
	out.AccountSetting = a.AccountSetting.effective()
	if a.CloudWatchRoleARN != nil && out.AccountSetting != AccountManage {
		c.add(combination("a role ARN is used only with manage, which points the region's setting at it: "+
			"remove cloudWatchRoleArn, or use manage", "accountSetting", out.AccountSetting,
			"cloudWatchRoleArn", value(a.CloudWatchRoleARN)))
	}
	out.CloudWatchRoleARN = c.str("cloudWatchRoleArn", a.CloudWatchRoleARN, ValidateRoleARN)
	return &out, c.err()
}

// Account is what a stack does with the region's API Gateway account setting, the role every REST and
// WebSocket API in the region uses to write logs to CloudWatch, as its mode says (see [AccountMode]).
//
// Whatever the account creates (the role, its policy attachment, the setting) is retained when the stack is
// destroyed: the setting is shared, so destroying one stage's stack never takes logging away from the others.
// A role it creates has the IAM path /apigw-access-logs/<project>/<stack>/<name>/, which is how a later run
// of the same stack recognises the setting as its own.
type Account struct {
	pulumi.ResourceState

	// CloudWatchRoleARN is the role the setting names once this stack has run: the role it created or set, or
	// the one it found (ActionUseExisting); empty for AccountLeave.
	CloudWatchRoleARN pulumi.StringOutput `pulumi:"cloudWatchRoleArn"`
	// Action is what this run does with the setting.
	Action pulumi.StringOutput `pulumi:"action"`

	// Current is the read of the setting (nil for AccountLeave and for AccountManage with CloudWatchRoleARN).
	Current *apigateway.Account
	// Role is the role this stack created (nil unless Action is create, keep or take-over).
	Role *CloudWatchRole
	// Account is the setting this stack writes; stages that log must depend on it. nil when the stack does not
	// write the setting.
	Account *apigateway.Account
}

// NewAccount handles the region's API Gateway account setting as args.AccountSetting says.
func NewAccount(ctx *pulumi.Context, name string, args *AccountArgs, opts ...pulumi.ResourceOption) (*Account, error) {
	checked, err := args.check(true)
	if err != nil {
		return nil, fmt.Errorf("account %s: %w", name, err)
	}
	return newAccount(ctx, name, checked, opts...)
}

func newAccount(ctx *pulumi.Context, name string, args *AccountArgs, opts ...pulumi.ResourceOption) (*Account, error) {
	c := &Account{}
	if err := register(ctx, accountToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	mode := args.AccountSetting
	var action AccountAction
	var current, ownRole string
	switch {
	case mode == AccountLeave:
		action = ActionNone
	case mode == AccountManage && args.CloudWatchRoleARN != nil:
		action = ActionSet
	default:
		read, err := apigateway.GetAccount(ctx, name+"-current", pulumi.ID(accountSettingID), nil, parent)
		if err != nil {
			return nil, err
		}
		c.Current = read
		if current, err = awaitString(ctx.Context(), read.CloudwatchRoleArn); err != nil {
			return nil, fmt.Errorf("account %s: reading the region's API Gateway account setting: %w", name, err)
		}
		path := rolePath(ctx, name)
		switch owned, isOwned := ownedRoleName(current, path); {
		case current == "":
			action = ActionCreate
		case isOwned:
			action, ownRole = ActionKeep, owned
		case mode == AccountManage:
			action = ActionTakeOver
		default:
			action = ActionUseExisting
		}
	}

	roleARN := args.CloudWatchRoleARN
	switch action {
	case ActionCreate, ActionKeep, ActionTakeOver:
		role, err := newCloudWatchRole(ctx, name, &CloudWatchRoleArgs{Tags: args.Tags}, rolePath(ctx, name), ownRole, parent)
		if err != nil {
			return nil, err
		}
		c.Role = role
		roleARN = role.ARN
	}
	if roleARN != nil {
		// IAM checks the role's permissions when the setting is written: wait for the policy attachment, not only
		// for the role (components/AWS.md, "The account setting").
		var dependsOn []pulumi.Resource
		if c.Role != nil {
			dependsOn = append(dependsOn, c.Role.PolicyAttachment)
		}
		account, err := apigateway.NewAccount(ctx, name, &apigateway.AccountArgs{CloudwatchRoleArn: roleARN},
			parent, pulumi.DependsOn(dependsOn), pulumi.RetainOnDelete(true))
		if err != nil {
			return nil, err
		}
		c.Account = account
		c.CloudWatchRoleARN = account.CloudwatchRoleArn
	} else {
		c.CloudWatchRoleARN = pulumi.String(current).ToStringOutput()
	}
	c.Action = pulumi.String(string(action)).ToStringOutput()
	if err := ctx.Log.Info(describeAction(action, mode, current), &pulumi.LogArgs{Resource: c}); err != nil {
		return nil, err
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"cloudWatchRoleArn": c.CloudWatchRoleARN, "action": c.Action,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// dependency is what a stage that logs must wait for: the setting this stack writes, if it writes one.
func (a *Account) dependency() []pulumi.Resource {
	if a == nil || a.Account == nil {
		return nil
	}
	return []pulumi.Resource{a.Account}
}

// describeAction is the one line a preview shows about the account setting.
func describeAction(action AccountAction, mode AccountMode, current string) string {
	switch action {
	case ActionCreate:
		return fmt.Sprintf("account setting (%s): none is set in this region; this stack creates a CloudWatch role and sets it (both kept on destroy)", mode)
	case ActionKeep:
		return fmt.Sprintf("account setting (%s): names %s, the role this stack created; this stack keeps managing it", mode, current)
	case ActionTakeOver:
		return fmt.Sprintf("account setting (%s): names %s; this stack creates its own role and takes the setting over", mode, current)
	case ActionSet:
		return fmt.Sprintf("account setting (%s): this stack points it at the given cloudWatchRoleArn", mode)
	case ActionUseExisting:
		return fmt.Sprintf("account setting (%s): already names %s; this stack leaves it alone and creates no IAM resource", mode, current)
	}
	return fmt.Sprintf("account setting (%s): not read and not written; another stack or an administrator owns it", mode)
}

// awaitString waits for a string output that the program needs to choose its resources. The account setting
// is read with a resource read, which runs in previews too, so its value is known there.
func awaitString(ctx context.Context, out pulumi.StringOutput) (string, error) {
	res, err := internals.UnsafeAwaitOutput(ctx, out)
	if err != nil {
		return "", err
	}
	if !res.Known {
		return "", fmt.Errorf("the value is unknown")
	}
	s, _ := res.Value.(string)
	return s, nil
}

// rolePath is the IAM path of the role an [Account] called name creates: it names the project, stack and
// component, so a later run can tell its own role from anyone else's by the setting's ARN alone.
func rolePath(ctx *pulumi.Context, name string) string {
	return fmt.Sprintf("/apigw-access-logs/%s/%s/%s/", ctx.Project(), ctx.Stack(), name)
}

// ownedRoleName returns the role's name when arn names a role directly under path.
func ownedRoleName(arn, path string) (string, bool) {
	_, resource, ok := strings.Cut(arn, ":role/")
	if !ok || !strings.HasPrefix(arn, "arn:") {
		return "", false
	}
	rest, ok := strings.CutPrefix("/"+resource, path)
	if !ok || rest == "" || strings.Contains(rest, "/") {
		return "", false
	}
	return rest, true
}
