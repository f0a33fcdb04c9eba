package apigwlogs

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The executionLogDestination values that are not ARNs.
const (
	// ExecutionLogDestinationStandard keeps execution logs in the group API Gateway names,
	// API-Gateway-Execution-Logs_{apiId}/{stage} (the default; the zero value means it too).
	ExecutionLogDestinationStandard = "standard"
	// ExecutionLogDestinationCreate delivers execution logs to a log group the stack creates.
	ExecutionLogDestinationCreate = "create"
)

// Destinations a CloudWatch Logs delivery of REST execution logs can write to, by ARN: a log group, an S3
// bucket or a Firehose stream (API Gateway developer guide, "Create a log delivery for REST API execution
// logs"; ARN formats from the Service Authorization Reference of CloudWatch Logs, Amazon S3 and Firehose).
var (
	deliveryLogGroupARNRE = regexp.MustCompile(`^arn:aws(-[a-z]+)*:logs:[a-z0-9-]+:\d{12}:log-group:([.\-_/#A-Za-z0-9]{1,512})(:\*)?$`)
	deliveryBucketARNRE   = regexp.MustCompile(`^arn:aws(-[a-z]+)*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	deliveryStreamARNRE   = regexp.MustCompile(`^arn:aws(-[a-z]+)*:firehose:[a-z0-9-]+:\d{12}:deliverystream/[a-zA-Z0-9_.-]{1,64}$`)
)

// DeliveryDestinationKind is the kind of resource an execution-log delivery writes to.
type DeliveryDestinationKind string

// The kinds.
const (
	DeliveryToLogGroup DeliveryDestinationKind = "log group"
	DeliveryToBucket   DeliveryDestinationKind = "S3 bucket"
	DeliveryToStream   DeliveryDestinationKind = "Firehose stream"
)

// ValidateDeliveryDestinationARN checks the ARN of an execution-log delivery's destination and returns its
// kind.
func ValidateDeliveryDestinationARN(arn string) (DeliveryDestinationKind, error) {
	switch {
	case deliveryLogGroupARNRE.MatchString(arn):
		return DeliveryToLogGroup, nil
	case deliveryBucketARNRE.MatchString(arn):
		return DeliveryToBucket, nil
	case deliveryStreamARNRE.MatchString(arn):
		return DeliveryToStream, nil
	}
	return "", fmt.Errorf("execution-log destination %q is not allowed: use standard, create, or the ARN of a log "+
		"group (arn:<partition>:logs:<region>:<account>:log-group:<name>), an S3 bucket (arn:<partition>:s3:::<bucket>) "+
		"or a Firehose stream (arn:<partition>:firehose:<region>:<account>:deliverystream/<name>)", arn)
}

// ExecutionLogDeliveryArgs configures an [ExecutionLogDelivery]. APIID, StageName, Stage and
// ExecutionLogDestination are required. ExecutionLogDestination must be known when the program runs when it is
// create; DeleteOnDestroy must be known; the other Inputs may be computed by another resource of the same
// update.
type ExecutionLogDeliveryArgs struct {
	// APIID is the REST API whose stage's execution logs are delivered.
	APIID pulumi.StringInput `pulumi:"apiId"`
	// StageName is the stage's name.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// Stage is the REST stage, with execution logging on (error or info): AWS refuses the delivery source until
	// the stage logs, so it waits for the stage's method settings.
	Stage *Stage `pulumi:"stage" provider:"type=index:Stage"`
	// ExecutionLogDestination is create, for a log group this component creates, or the ARN of an existing log
	// group, S3 bucket or Firehose stream. A log group ARN known when the program runs gets the resource policy
	// that lets CloudWatch Logs deliver into it; a computed one must already have it.
	ExecutionLogDestination pulumi.StringInput `pulumi:"executionLogDestination"`
	// LogGroupName names the created log group. Optional: /apigateway/<project>/<stack>/<component name>/execution.
	LogGroupName pulumi.StringInput `pulumi:"logGroupName,optional"`
	// RetentionInDays is the created log group's retention (the values a log group allows). Optional: 7.
	RetentionInDays pulumi.IntInput `pulumi:"retentionInDays,optional"`
	// KMSKey is the ARN of a KMS key that encrypts the created log group. Optional.
	KMSKey pulumi.StringInput `pulumi:"kmsKey,optional"`
	// DeleteOnDestroy deletes the created log group and its logs when the stack is destroyed; the default,
	// false, keeps them.
	DeleteOnDestroy bool `pulumi:"deleteOnDestroy,optional"`
	// Tags are added to the created log group, the delivery source, destination and delivery. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Validate checks the args that are known when the program runs. The error is one or more [ArgError]s.
func (a *ExecutionLogDeliveryArgs) Validate() error {
	_, err := a.check(false)
	return err
}

func (a *ExecutionLogDeliveryArgs) check(wrap bool) (*ExecutionLogDeliveryArgs, error) {
	if a == nil {
		return nil, fieldError("args", nil, errArgsRequired)
	}
	c := &checker{wrap: wrap}
	c.tags(a.Tags)
	c.required("apiId", a.APIID != nil, "the REST API's id")
	c.required("stageName", a.StageName != nil, "the stage's name")
	c.required("stage", a.Stage != nil, "the REST stage whose execution logs are delivered")
	c.required("executionLogDestination", a.ExecutionLogDestination != nil, "create, or a destination's ARN")
	out := *a
	out.ExecutionLogDestination = c.deliveryDestination(a.ExecutionLogDestination, false)
	if a.Stage != nil && !a.Stage.executionLogging.On() {
		c.add(combination("AWS refuses a delivery source for a stage whose execution logging is off: turn it on "+
			"(error or info)", "stage", "execution logging off", "executionLogDestination", value(a.ExecutionLogDestination)))
	}
	out.APIID = c.str("apiId", a.APIID, ValidateAPIID)
	out.StageName = c.str("stageName", a.StageName, ValidateStageName)
	out.LogGroupName = c.str("logGroupName", a.LogGroupName, ValidateLogGroupName)
	out.RetentionInDays = c.int("retentionInDays", a.RetentionInDays, ValidateRetention)
	out.KMSKey = c.str("kmsKey", a.KMSKey, ValidateKMSKeyARN)
	return &out, c.err()
}

// deliveryDestination checks an executionLogDestination value: standard (only where standard allows it),
// create (known when the program runs), or an ARN of a kind a delivery writes to.
func (c *checker) deliveryDestination(in pulumi.StringInput, standard bool) pulumi.StringInput {
	if v, ok := known(in); ok && (v == ExecutionLogDestinationCreate || (standard && v == ExecutionLogDestinationStandard)) {
		return in
	}
	return c.str("executionLogDestination", in, func(v string) error {
		switch v {
		case ExecutionLogDestinationCreate, ExecutionLogDestinationStandard:
			if _, isKnown := known(in); !isKnown {
				return fmt.Errorf("%s must be known when the program runs, not computed by another resource", v)
			}
			return fmt.Errorf("standard is not a delivery destination: without a delivery the stage logs to its " +
				"standard group")
		}
		_, err := ValidateDeliveryDestinationARN(v)
		return err
	})
}

// ExecutionLogDelivery delivers a REST stage's execution logs through CloudWatch Logs to a log group this
// component creates, or to an existing log group, S3 bucket or Firehose stream: a delivery source of log type
// EXECUTION_LOGS for the stage, a delivery destination, and the delivery that links them. Unlike the standard
// group, a delivery keeps events of up to 1 MB (the standard group truncates them at 1 KB) and can write to S3
// or Firehose.
//
// The source waits for the stage's method settings (AWS refuses it while the stage does not log); the delivery
// waits for the source, the destination and, for a log group, the resource policy that lets CloudWatch Logs
// deliver into it. An S3 bucket or Firehose stream given by ARN is granted by AWS when the delivery is created,
// with the deploying principal's permissions (see components/AWS.md, "Execution-log delivery").
type ExecutionLogDelivery struct {
	pulumi.ResourceState

	// DestinationARN is the ARN of the resource the logs are delivered to.
	DestinationARN pulumi.StringOutput `pulumi:"destinationArn"`
	// LogGroupName is the created log group's name; empty unless executionLogDestination is create.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`

	// LogGroup is the created log group (nil unless create); Policy the log group resource policy (nil for S3
	// and Firehose); Source, Destination and Delivery the CloudWatch Logs delivery.
	LogGroup    *LogGroup
	Policy      *cloudwatch.LogResourcePolicy
	Source      *cloudwatch.LogDeliverySource
	Destination *cloudwatch.LogDeliveryDestination
	Delivery    *cloudwatch.LogDelivery
}

// NewExecutionLogDelivery creates the delivery. It checks its args before it registers anything.
func NewExecutionLogDelivery(ctx *pulumi.Context, name string, args *ExecutionLogDeliveryArgs, opts ...pulumi.ResourceOption) (*ExecutionLogDelivery, error) {
	checked, err := args.check(true)
	if err != nil {
		return nil, fmt.Errorf("execution log delivery %s: %w", name, err)
	}
	return newExecutionLogDelivery(ctx, name, checked, opts...)
}

func newExecutionLogDelivery(ctx *pulumi.Context, name string, args *ExecutionLogDeliveryArgs, opts ...pulumi.ResourceOption) (*ExecutionLogDelivery, error) {
	c := &ExecutionLogDelivery{}
	if err := register(ctx, executionLogDeliveryToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	l := lookupsFor(ctx, c, opts)
	physical := DeliveryName(ctx.Project(), ctx.Stack(), name)
	destination := args.ExecutionLogDestination
	c.LogGroupName = pulumi.String("").ToStringOutput()
	var waits []pulumi.Resource
	if v, _ := known(destination); v == ExecutionLogDestinationCreate {
		groupName := args.LogGroupName
		if groupName == nil {
			groupName = pulumi.String(DefaultLogGroupName(ctx, name) + "/execution")
		}
		group, err := newLogGroup(ctx, name+"-group", (&LogGroupArgs{
			Name: groupName, RetentionInDays: args.RetentionInDays, KMSKey: args.KMSKey,
			DeleteOnDestroy: args.DeleteOnDestroy, Tags: args.Tags,
		}).withDefaults(ctx, name+"-group"), parent)
		if err != nil {
			return nil, err
		}
		c.LogGroup, c.LogGroupName, destination = group, group.Name, group.ARN
	}
	// A log group receives vended logs only when a resource policy lets delivery.logs.amazonaws.com write to it.
	if c.LogGroup != nil || isLogGroupARN(destination) {
		groupARN := destination.ToStringOutput().ApplyT(func(arn string) string {
			return strings.TrimSuffix(arn, ":*")
		}).(pulumi.StringOutput)
		policy, err := cloudwatch.NewLogResourcePolicy(ctx, name+"-policy", &cloudwatch.LogResourcePolicyArgs{
			PolicyName: pulumi.String(physical),
			PolicyDocument: groupARN.ApplyT(func(arn string) (string, error) {
				partition, region, account, err := l.where()
				if err != nil {
					return "", err
				}
				return DeliveryPolicy(partition, region, account, arn)
			}).(pulumi.StringOutput),
		}, parent)
		if err != nil {
			return nil, err
		}
		c.Policy = policy
		waits = append(waits, policy)
	}
	// The source's resource is the stage, by an ARN with the account id, which the stage's own arn lacks.
	resourceARN := pulumi.All(args.APIID, args.StageName).ApplyT(func(v []any) (string, error) {
		partition, region, account, err := l.where()
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("arn:%s:apigateway:%s:%s:/restapis/%s/stages/%s", partition, region, account, v[0], v[1]), nil
	}).(pulumi.StringOutput)
	// AWS refuses the source until the stage logs at ERROR or INFO: it waits for the method settings.
	stageWaits := []pulumi.Resource{args.Stage.Stage}
	if args.Stage.MethodSettings != nil {
		stageWaits = append(stageWaits, args.Stage.MethodSettings)
	}
	var err error
	if c.Source, err = cloudwatch.NewLogDeliverySource(ctx, name+"-source", &cloudwatch.LogDeliverySourceArgs{
		Name:        pulumi.String(physical),
		LogType:     pulumi.String("EXECUTION_LOGS"),
		ResourceArn: resourceARN,
		Tags:        args.Tags,
	}, parent, pulumi.DependsOn(stageWaits)); err != nil {
		return nil, err
	}
	// The destination's name says its kind: a change to another kind is a new destination (AWS cannot change
	// a destination's kind in place), created before the old one goes, and the delivery follows it.
	destinationName := destination.ToStringOutput().ApplyT(func(arn string) string {
		kind, _ := ValidateDeliveryDestinationARN(arn)
		return physical + "-" + map[DeliveryDestinationKind]string{
			DeliveryToLogGroup: "logs", DeliveryToBucket: "s3", DeliveryToStream: "firehose",
		}[kind]
	}).(pulumi.StringOutput)
	if c.Destination, err = cloudwatch.NewLogDeliveryDestination(ctx, name+"-destination", &cloudwatch.LogDeliveryDestinationArgs{
		Name: destinationName,
		DeliveryDestinationConfiguration: &cloudwatch.LogDeliveryDestinationDeliveryDestinationConfigurationArgs{
			DestinationResourceArn: destination,
		},
		Tags: args.Tags,
	}, parent); err != nil {
		return nil, err
	}
	if c.Delivery, err = cloudwatch.NewLogDelivery(ctx, name, &cloudwatch.LogDeliveryArgs{
		DeliverySourceName:     c.Source.Name,
		DeliveryDestinationArn: c.Destination.Arn,
		Tags:                   args.Tags,
	}, parent, pulumi.DependsOn(waits)); err != nil {
		return nil, err
	}
	c.DestinationARN = destination.ToStringOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"destinationArn": c.DestinationARN, "logGroupName": c.LogGroupName,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// isLogGroupARN reports whether a destination is known, when the program runs, to be a log group. Whether the
// resource policy exists cannot wait for a computed ARN, so a computed one gets none: its group must already
// let delivery.logs.amazonaws.com write to it (ExecutionLogDeliveryArgs.ExecutionLogDestination says so).
func isLogGroupARN(in pulumi.StringInput) bool {
	v, ok := known(in)
	return ok && deliveryLogGroupARNRE.MatchString(v)
}

// DeliveryPolicy is the CloudWatch Logs resource policy that lets vended-log delivery write into a log group:
// delivery.logs.amazonaws.com may create log streams and put log events in it, for deliveries of this account
// only. Source: CloudWatch Logs user guide, "Logs sent to CloudWatch Logs" (Enable logging from AWS services);
// components/AWS.md, "Execution-log delivery".
func DeliveryPolicy(partition, region, account, groupARN string) (string, error) {
	if !deliveryLogGroupARNRE.MatchString(groupARN) {
		return "", fmt.Errorf("%q is not a log group ARN", groupARN)
	}
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []map[string]any{{
			"Sid":       "AWSLogDeliveryWrite",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "delivery.logs.amazonaws.com"},
			"Action":    []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			"Resource":  groupARN + ":log-stream:*",
			"Condition": map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": account},
				"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:logs:%s:%s:*", partition, region, account)},
			},
		}},
	}
	b, err := json.Marshal(doc)
	return string(b), err
}

// notInDeliveryName is what a delivery source or destination name may not hold: anything but letters, digits,
// "_" and "-" (CloudWatch Logs API reference, PutDeliverySource name).
var notInDeliveryName = regexp.MustCompile(`[^A-Za-z0-9_-]`)

// DeliveryName is the name of the delivery source of a component called name, and the start of its
// destination's (which adds -logs, -s3 or -firehose): <project>-<stack>-<name> in the characters CloudWatch
// Logs allows, at most 51 of them, so the destination's stays within 60 (a longer name keeps its start and
// ends with a hash of the whole, so it stays unique).
func DeliveryName(project, stack, name string) string {
	const limit = 51
	full := notInDeliveryName.ReplaceAllString(project+"-"+stack+"-"+name, "_")
	if len(full) <= limit {
		return full
	}
	sum := sha256.Sum256([]byte(full))
	return full[:limit-9] + "-" + hex.EncodeToString(sum[:4])
}
