package apigwlogs

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LogKeyArgs configures a [LogKey]. LogGroupNames may be computed by another resource of the same update;
// DeleteOnDestroy must be known when the program runs.
type LogKeyArgs struct {
	// LogGroupNames are the log groups the key may encrypt: the key policy lets CloudWatch Logs use the key
	// only with their ARNs in the encryption context. Required.
	LogGroupNames pulumi.StringArrayInput `pulumi:"logGroupNames"`
	// DeleteOnDestroy schedules the key's deletion when the stack is destroyed. The default, false, keeps it,
	// as the logs it encrypts are kept: a deleted key makes them unreadable.
	DeleteOnDestroy bool `pulumi:"deleteOnDestroy,optional"`
	// Tags are added to the key. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Validate checks the args. The error is an [ArgError].
func (a *LogKeyArgs) Validate() error {
	if a == nil || a.LogGroupNames == nil {
		return fieldError("logGroupNames", nil, errors.New("logGroupNames is required: the log groups the key may encrypt"))
	}
	return nil
}

// LogKey is a customer-managed KMS key for API Gateway's log groups: symmetric, rotated yearly, with the key
// policy CloudWatch Logs needs. Without that policy CreateLogGroup and AssociateKmsKey fail with
// "The specified KMS key does not exist or is not allowed to be used with Arn …" (aws-cdk #28304,
// terraform-provider-aws #29282), the field's most common KMS failure.
type LogKey struct {
	pulumi.ResourceState

	// ARN is the key's ARN, for a log group's kmsKeyId.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// Policy is the key policy.
	Policy pulumi.StringOutput `pulumi:"policy"`

	// Key is the KMS key itself.
	Key *kms.Key
}

// KeyPolicy is the key policy of a [LogKey]: the account administers the key (without this statement nobody
// could), and CloudWatch Logs in the region may use it only for the given log groups. Source: CloudWatch
// Logs user guide, "Encrypt log data in CloudWatch Logs using AWS Key Management Service", step 2 (principal
// logs.<region>.amazonaws.com, kms:Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey*, Describe*, condition
// ArnLike kms:EncryptionContext:aws:logs:arn); components/AWS.md, "CloudWatch Logs".
func KeyPolicy(partition, region, account string, logGroupNames []string) (string, error) {
	arns := make([]string, len(logGroupNames))
	for i, n := range logGroupNames {
		arns[i] = fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", partition, region, account, n)
	}
	type statement struct {
		Sid       string
		Effect    string
		Principal map[string]string
		Action    any
		Resource  string
		Condition map[string]map[string][]string `json:",omitempty"`
	}
	doc := struct {
		Version   string
		Statement []statement
	}{
		Version: "2012-10-17",
		Statement: []statement{
			{
				Sid: "AccountAdministersTheKey", Effect: "Allow",
				Principal: map[string]string{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, account)},
				Action:    "kms:*", Resource: "*",
			},
			{
				Sid: "CloudWatchLogsEncryptsTheseLogGroups", Effect: "Allow",
				Principal: map[string]string{"Service": "logs." + region + ".amazonaws.com"},
				Action:    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
				Resource:  "*",
				Condition: map[string]map[string][]string{"ArnLike": {"kms:EncryptionContext:aws:logs:arn": arns}},
			},
		},
	}
	b, err := json.Marshal(doc)
	return string(b), err
}

// NewLogKey creates the key.
func NewLogKey(ctx *pulumi.Context, name string, args *LogKeyArgs, opts ...pulumi.ResourceOption) (*LogKey, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("log key %s: %w", name, err)
	}
	c := &LogKey{}
	if err := register(ctx, logKeyToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	// The account, region and partition come from invokes, which previews run too: the policy is known in
	// the first preview whenever the group names are. They run inside the apply, so registering the key never
	// waits for them, and each is made once per run.
	l := lookupsFor(ctx, c, opts)
	policy := args.LogGroupNames.ToStringArrayOutput().ApplyT(func(names []string) (string, error) {
		partition, region, account, err := l.where()
		if err != nil {
			return "", fmt.Errorf("log key %s: %w", name, err)
		}
		return KeyPolicy(partition, region, account, names)
	}).(pulumi.StringOutput)
	key, err := kms.NewKey(ctx, name, &kms.KeyArgs{
		Description:          pulumi.String("Encrypts API Gateway access and execution logs (apigw-access-logs)"),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(30),
		Policy:               policy,
		Tags:                 args.Tags,
	}, pulumi.Parent(c), pulumi.RetainOnDelete(!args.DeleteOnDestroy))
	if err != nil {
		return nil, err
	}
	c.Key, c.ARN, c.Policy = key, key.Arn, policy
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"arn": c.ARN, "policy": c.Policy}); err != nil {
		return nil, err
	}
	return c, nil
}
