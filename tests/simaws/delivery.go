package simaws

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// CloudWatch Logs vended-log delivery, as API Gateway REST stages use it for execution logs, and the
// destinations outside this simulation's resource types (S3 buckets, Firehose streams), which tests seed.
// Sources: API Gateway developer guide, "Create a log delivery for REST API execution logs" (the source needs
// the stage to log at ERROR or INFO; resource ARN and log type); CloudWatch Logs API reference
// PutDeliverySource, PutDeliveryDestination, CreateDelivery (names of 1 to 60 characters from [\w-], errors);
// CloudWatch Logs user guide, "Logs sent to CloudWatch Logs", "Logs sent to Amazon S3", "Logs sent to Firehose"
// (the permission each destination needs); terraform-provider-aws internal/service/logs delivery_source.go,
// delivery_destination.go, delivery.go and resource_policy.go (what replaces and what updates).
// components/AWS.md, "Execution-log delivery".
const (
	TypeLogDeliverySource      = "aws:cloudwatch/logDeliverySource:LogDeliverySource"
	TypeLogDeliveryDestination = "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination"
	TypeLogDelivery            = "aws:cloudwatch/logDelivery:LogDelivery"
	TypeLogResourcePolicy      = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy"
	// TypeBucket and TypeDeliveryStream are seeded by tests (SeedBucket, SeedDeliveryStream); no program
	// creates them here.
	TypeBucket         = "aws:s3/bucket:Bucket"
	TypeDeliveryStream = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"
)

var (
	// [V] PutDeliverySource, PutDeliveryDestination: name, 1 to 60 characters, pattern [\w-]*.
	deliveryNameRE = regexp.MustCompile(`^[\w-]{1,60}$`)
	// [V] API Gateway guide: the source's resource is arn:aws:apigateway:{region}:{account-id}:/restapis/{id}/stages/{stage}.
	restStageResourceRE = regexp.MustCompile(`^arn:aws(-[a-z]+)*:apigateway:([a-z0-9-]+):(\d{12}):/restapis/([^/]+)/stages/([^/]+)$`)
	v2StageResourceRE   = regexp.MustCompile(`^arn:aws(-[a-z]+)*:apigateway:[a-z0-9-]+:\d*:/apis/`)
	// Destination ARNs by service: [V] the Service Authorization Reference's ARN formats for log groups,
	// buckets and Firehose streams.
	logGroupDestRE = regexp.MustCompile(`^arn:aws(-[a-z]+)*:logs:[a-z0-9-]+:\d{12}:log-group:([^:]+)(:\*)?$`)
	bucketDestRE   = regexp.MustCompile(`^arn:aws(-[a-z]+)*:s3:::([a-z0-9.-]+)$`)
	streamDestRE   = regexp.MustCompile(`^arn:aws(-[a-z]+)*:firehose:[a-z0-9-]+:\d{12}:deliverystream/(.+)$`)
)

// SeedBucket creates an S3 bucket outside any stack. grantsDelivery says whether CloudWatch Logs may deliver
// into it: its policy grants delivery.logs.amazonaws.com, or the deploying principal may change the policy, in
// which case AWS appends the statement itself when the delivery is created ([V] "Logs sent to Amazon S3").
func (a *Account) SeedBucket(name string, grantsDelivery bool) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	props := property.NewMap(map[string]property.Value{
		"bucket": property.New(name), "grantsDelivery": property.New(grantsDelivery),
		"arn": property.New(fmt.Sprintf("arn:%s:s3:::%s", a.partition, name)),
	})
	a.put(&Object{Type: TypeBucket, ID: name, inputs: props, Props: props})
	return props.Get("arn").AsString()
}

// SeedDeliveryStream creates a Firehose stream outside any stack and returns its ARN.
func (a *Account) SeedDeliveryStream(name string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	arn := fmt.Sprintf("arn:%s:firehose:%s:%s:deliverystream/%s", a.partition, a.region, a.id, name)
	props := property.NewMap(map[string]property.Value{"name": property.New(name), "arn": property.New(arn)})
	a.put(&Object{Type: TypeDeliveryStream, ID: name, inputs: props, Props: props})
	return arn
}

func checkDeliveryName(in property.Map) []string {
	if name, ok := str(in, "name"); ok && !deliveryNameRE.MatchString(name) {
		return []string{fmt.Sprintf("name: %q must be 1 to 60 characters from A-Z a-z 0-9 _ -", name)}
	}
	return nil
}

func init() {
	kinds[TypeLogDeliverySource] = &kind{
		required: []string{"name", "logType", "resourceArn"},
		// terraform-provider-aws delivery_source.go: name, log_type and resource_arn RequiresReplace; only the
		// tags update.
		forceNew: []string{"name", "logType", "resourceArn"},
		computed: []string{"arn", "service"},
		check:    checkDeliveryName,
		create: func(a *Account, in property.Map) (string, error) {
			name, arn, logType := strIn(in, "name"), strIn(in, "resourceArn"), strIn(in, "logType")
			if a.taken(TypeLogDeliverySource, func(o *Object) bool { return o.ID == name }) {
				return "", awsError("ConflictException", "a delivery source named %s already exists", name)
			}
			if v2StageResourceRE.MatchString(arn) {
				// [V] API Gateway guide: execution-log delivery is for REST API stages; HTTP and WebSocket
				// stages are not delivery sources. Wording [U].
				return "", awsError("ValidationException", "resource %s does not support log delivery: "+
					"EXECUTION_LOGS are delivered from REST API stages only", arn)
			}
			m := restStageResourceRE.FindStringSubmatch(arn)
			if m == nil || logType != "EXECUTION_LOGS" {
				return "", awsError("ValidationException", "resource %s with log type %s is not a supported delivery "+
					"source here (want arn:aws:apigateway:<region>:<account>:/restapis/<id>/stages/<stage> and "+
					"EXECUTION_LOGS)", arn, logType)
			}
			if m[2] != a.region || m[3] != a.id {
				return "", awsError("ValidationException", "resource %s is not in account %s, region %s", arn, a.id, a.region)
			}
			api, stage := m[4], m[5]
			if a.find(TypeStage, func(o *Object) bool { return o.Str("restApi") == api && o.Str("stageName") == stage }) == nil {
				return "", awsError("ResourceNotFoundException", "stage %s of REST API %s does not exist", stage, api)
			}
			// [V] API Gateway guide: "If logging is not enabled, the delivery source creation fails." Wording [U].
			if !restStageLogs(a, api, stage) {
				return "", awsError("ValidationException", "execution logging is not enabled on stage %s of REST "+
					"API %s: set loggingLevel to ERROR or INFO before creating the delivery source", stage, api)
			}
			// [S] one delivery source per resource and log type: "This ResourceId has already been used in
			// another Delivery Source in this account." (aws-samples/sample-autonomous-cloud-coding-agents#662;
			// aws-cdk#36314; cloudformation-coverage-roadmap#2513).
			if a.taken(TypeLogDeliverySource, func(o *Object) bool {
				return o.Str("resourceArn") == arn && o.Str("logType") == logType
			}) {
				return "", awsError("ConflictException", "This ResourceId has already been used in another "+
					"Delivery Source in this account.")
			}
			return name, nil
		},
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			return map[string]property.Value{
				"arn":     property.New(fmt.Sprintf("arn:%s:logs:%s:%s:delivery-source:%s", a.partition, a.region, a.id, id)),
				"service": property.New("apigateway"),
				"tagsAll": tagsAll(in),
			}
		},
		// [U] a source that a delivery uses cannot be deleted (the delivery goes first).
		del: func(a *Account, o *Object) error {
			if a.find(TypeLogDelivery, func(d *Object) bool { return d.Str("deliverySourceName") == o.ID }) != nil {
				return awsError("ConflictException", "delivery source %s is used by a delivery", o.ID)
			}
			return nil
		},
	}

	kinds[TypeLogDeliveryDestination] = &kind{
		required: []string{"name", "deliveryDestinationConfiguration"},
		// terraform-provider-aws delivery_destination.go: name and output_format RequiresReplace;
		// destination_resource_arn replaces only when its service changes, otherwise PutDeliveryDestination
		// updates in place (checked in update).
		forceNew: []string{"name", "outputFormat"},
		computed: []string{"arn", "deliveryDestinationType"},
		check:    checkDeliveryName,
		create: func(a *Account, in property.Map) (string, error) {
			name := strIn(in, "name")
			if a.taken(TypeLogDeliveryDestination, func(o *Object) bool { return o.ID == name }) {
				return "", awsError("ConflictException", "a delivery destination named %s already exists", name)
			}
			if _, err := destinationKind(destinationARN(in)); err != nil {
				return "", err
			}
			return name, nil
		},
		update: func(_ *Account, o *Object, in property.Map) error {
			before, _ := destinationKind(destinationARN(o.Props))
			after, err := destinationKind(destinationARN(in))
			if err != nil {
				return err
			}
			if before != after {
				return awsError("ValidationException", "a delivery destination cannot change from %s to %s: replace it",
					before, after)
			}
			return nil
		},
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			kind, _ := destinationKind(destinationARN(in))
			return map[string]property.Value{
				"arn":                     property.New(fmt.Sprintf("arn:%s:logs:%s:%s:delivery-destination:%s", a.partition, a.region, a.id, id)),
				"deliveryDestinationType": property.New(kind),
				"tagsAll":                 tagsAll(in),
			}
		},
		del: func(a *Account, o *Object) error {
			if a.find(TypeLogDelivery, func(d *Object) bool { return d.Str("deliveryDestinationArn") == o.Str("arn") }) != nil {
				return awsError("ConflictException", "delivery destination %s is used by a delivery", o.ID)
			}
			return nil
		},
	}

	kinds[TypeLogDelivery] = &kind{
		required: []string{"deliverySourceName", "deliveryDestinationArn"},
		// terraform-provider-aws delivery.go: delivery_source_name and delivery_destination_arn RequiresReplace.
		forceNew: []string{"deliverySourceName", "deliveryDestinationArn"},
		computed: []string{"arn"},
		create: func(a *Account, in property.Map) (string, error) {
			source := a.get(TypeLogDeliverySource, strIn(in, "deliverySourceName"))
			if source == nil {
				return "", awsError("ResourceNotFoundException", "delivery source %s does not exist", strIn(in, "deliverySourceName"))
			}
			dest := a.find(TypeLogDeliveryDestination, func(o *Object) bool { return o.Str("arn") == strIn(in, "deliveryDestinationArn") })
			if dest == nil {
				return "", awsError("ResourceNotFoundException", "delivery destination %s does not exist", strIn(in, "deliveryDestinationArn"))
			}
			if err := checkDestinationAllowed(a, destinationARN(dest.Props)); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s-%s", source.ID, a.hex(8)), nil
		},
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			return map[string]property.Value{
				"arn":     property.New(fmt.Sprintf("arn:%s:logs:%s:%s:delivery:%s", a.partition, a.region, a.id, id)),
				"tagsAll": tagsAll(in),
			}
		},
	}

	kinds[TypeLogResourcePolicy] = &kind{
		required: []string{"policyName", "policyDocument"},
		// terraform-provider-aws resource_policy.go: policy_name ForceNew; the document updates in place.
		forceNew: []string{"policyName"},
		sameJSON: []string{"policyDocument"},
		create: func(a *Account, in property.Map) (string, error) {
			// [V] PutResourcePolicy: "An account can have up to 10 resource policies per AWS Region"; the
			// document is at most 5120 characters.
			if n := len(a.objectsOf(TypeLogResourcePolicy)); n >= 10 {
				return "", awsError("LimitExceededException", "Resource limit exceeded.")
			}
			if len(strIn(in, "policyDocument")) > 5120 {
				return "", awsError("InvalidParameterException", "policyDocument is longer than 5120 characters")
			}
			return strIn(in, "policyName"), nil
		},
	}
}

// objectsOf returns the existing objects of typ. The lock is held.
func (a *Account) objectsOf(typ string) []*Object {
	var out []*Object
	for _, o := range a.objects {
		if o.Type == typ && !o.pending {
			out = append(out, o)
		}
	}
	return out
}

// restStageLogs reports whether a REST stage logs execution: its */* method settings at ERROR or INFO.
func restStageLogs(a *Account, api, stage string) bool {
	return a.find(TypeMethodSettings, func(o *Object) bool {
		lvl := loggingLevelOf(o.Props, "settings")
		return o.Str("restApi") == api && o.Str("stageName") == stage && o.Str("methodPath") == "*/*" &&
			(lvl == "ERROR" || lvl == "INFO")
	}) != nil
}

// destinationARN is a delivery destination's deliveryDestinationConfiguration.destinationResourceArn.
func destinationARN(in property.Map) string {
	v, ok := in.GetOk("deliveryDestinationConfiguration")
	if !ok || !v.IsMap() {
		return ""
	}
	return strIn(v.AsMap(), "destinationResourceArn")
}

// destinationKind is the deliveryDestinationType of a destination ARN: CWL, S3 or FH. [V] PutDeliveryDestination:
// the destination is a CloudWatch Logs log group, an S3 bucket or a Firehose stream.
func destinationKind(arn string) (string, error) {
	switch {
	case logGroupDestRE.MatchString(arn):
		return "CWL", nil
	case bucketDestRE.MatchString(arn):
		return "S3", nil
	case streamDestRE.MatchString(arn):
		return "FH", nil
	}
	return "", awsError("ValidationException", "destinationResourceArn %q is not a log group, S3 bucket or "+
		"Firehose stream", arn)
}

// checkDestinationAllowed is CreateDelivery's check that the destination exists and that CloudWatch Logs may
// write to it.
func checkDestinationAllowed(a *Account, arn string) error {
	switch {
	case logGroupDestRE.MatchString(arn):
		name := logGroupDestRE.FindStringSubmatch(arn)[2]
		if a.get(TypeLogGroup, name) == nil {
			return awsError("ResourceNotFoundException", "The specified log group does not exist: %s", name)
		}
		// [V] "Logs sent to CloudWatch Logs": the log group needs a resource policy that lets
		// delivery.logs.amazonaws.com create streams and put events in it. AWS writes one itself only when the
		// deploying principal may call logs:PutResourcePolicy at that moment; the simulated deployer may not, so
		// a stack must grant it, as this project does.
		if !deliveryGranted(a, strings.TrimSuffix(arn, ":*")) {
			return awsError("AccessDeniedException", "no resource policy lets delivery.logs.amazonaws.com "+
				"write to log group %s", name)
		}
	case bucketDestRE.MatchString(arn):
		b := a.get(TypeBucket, bucketDestRE.FindStringSubmatch(arn)[2])
		if b == nil {
			return awsError("ResourceNotFoundException", "bucket %s does not exist", arn)
		}
		// [V] "Logs sent to Amazon S3": the bucket policy must let delivery.logs.amazonaws.com put objects;
		// AWS creates or appends the statement when the deploying principal has s3:GetBucketPolicy and
		// s3:PutBucketPolicy on the bucket.
		if g, _ := b.Props.GetOk("grantsDelivery"); !g.IsBool() || !g.AsBool() {
			return awsError("AccessDeniedException", "the policy of bucket %s does not let "+
				"delivery.logs.amazonaws.com write to it, and the caller may not change it", arn)
		}
	case streamDestRE.MatchString(arn):
		// [V] "Logs sent to Firehose": AWS tags the stream LogDeliveryEnabled=true and writes through the
		// AWSServiceRoleForLogDelivery service-linked role; the stream must exist.
		s := a.get(TypeDeliveryStream, streamDestRE.FindStringSubmatch(arn)[2])
		if s == nil {
			return awsError("ResourceNotFoundException", "delivery stream %s does not exist", arn)
		}
		s.Props = s.Props.Set("tags", property.New(map[string]property.Value{"LogDeliveryEnabled": property.New("true")}))
	default:
		_, err := destinationKind(arn)
		return err
	}
	return nil
}

// deliveryGranted reports whether a resource policy in the account lets delivery.logs.amazonaws.com put log
// events into the log group groupARN (a resource of <groupARN>:log-stream:* or a wildcard covering it).
func deliveryGranted(a *Account, groupARN string) bool {
	for _, p := range a.objectsOf(TypeLogResourcePolicy) {
		var doc struct {
			Statement []struct {
				Effect    string
				Principal struct{ Service any }
				Action    any
				Resource  any
			}
		}
		if json.Unmarshal([]byte(p.Str("policyDocument")), &doc) != nil {
			continue
		}
		for _, s := range doc.Statement {
			if s.Effect == "Allow" && anyMatches(s.Principal.Service, "delivery.logs.amazonaws.com") &&
				anyMatches(s.Action, "logs:PutLogEvents") && anyMatches(s.Resource, groupARN+":log-stream:x") {
				return true
			}
		}
	}
	return false
}

// anyMatches reports whether a policy element (a string or a list of strings, with * wildcards) matches s.
func anyMatches(v any, s string) bool {
	var patterns []string
	switch v := v.(type) {
	case string:
		patterns = []string{v}
	case []any:
		for _, p := range v {
			if ps, ok := p.(string); ok {
				patterns = append(patterns, ps)
			}
		}
	}
	for _, p := range patterns {
		re := "^" + strings.ReplaceAll(regexp.QuoteMeta(p), `\*`, ".*") + "$"
		if regexp.MustCompile(re).MatchString(s) {
			return true
		}
	}
	return false
}
