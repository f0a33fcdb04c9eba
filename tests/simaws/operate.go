package simaws

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Types for encryption, saved queries and alarms, as pulumi-aws v6.83.4 names them.
const (
	TypeKMSKey          = "aws:kms/key:Key"
	TypeQueryDefinition = "aws:cloudwatch/queryDefinition:QueryDefinition"
	TypeMetricFilter    = "aws:cloudwatch/logMetricFilter:LogMetricFilter"
	TypeMetricAlarm     = "aws:cloudwatch/metricAlarm:MetricAlarm"
)

func init() {
	kinds[TypeKMSKey] = &kind{
		computed: []string{"arn", "keyId"},
		stable:   []string{"keyId"},
		check: func(in property.Map) []string {
			if p, ok := str(in, "policy"); ok {
				if !json.Valid([]byte(p)) {
					return []string{"policy: not valid JSON"}
				}
			}
			return nil
		},
		create: func(a *Account, _ property.Map) (string, error) {
			return fmt.Sprintf("%s-%s-%s-%s-%s", a.hex(8), a.hex(4), a.hex(4), a.hex(4), a.hex(12)), nil
		},
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			return map[string]property.Value{
				"arn":     property.New(fmt.Sprintf("arn:%s:kms:%s:%s:key/%s", a.partition, a.region, a.id, id)),
				"keyId":   property.New(id),
				"tagsAll": tagsAll(in),
			}
		},
	}
	kinds[TypeQueryDefinition] = &kind{
		required: []string{"name", "queryString"},
		create: func(a *Account, in property.Map) (string, error) {
			// [V] CloudWatch Logs API reference, PutQueryDefinition: the log groups must exist.
			if v, ok := in.GetOk("logGroupNames"); ok && v.IsArray() {
				for _, n := range v.AsArray().All {
					if n.IsString() && a.get(TypeLogGroup, n.AsString()) == nil {
						return "", awsError("ResourceNotFoundException", "The specified log group does not exist: %s", n.AsString())
					}
				}
			}
			return fmt.Sprintf("%s-%s-%s-%s-%s", a.hex(8), a.hex(4), a.hex(4), a.hex(4), a.hex(12)), nil
		},
	}
	kinds[TypeMetricFilter] = &kind{
		required: []string{"logGroupName", "pattern", "metricTransformation"},
		// terraform-provider-aws aws_cloudwatch_log_metric_filter: name and log_group_name are ForceNew.
		forceNew: []string{"name", "logGroupName"},
		autoName: 512,
		create: func(a *Account, in property.Map) (string, error) {
			return strIn(in, "name"), checkMetricFilter(a, in)
		},
		update: func(a *Account, _ *Object, in property.Map) error { return checkMetricFilter(a, in) },
	}
	kinds[TypeMetricAlarm] = &kind{
		required: []string{"comparisonOperator", "evaluationPeriods"},
		forceNew: []string{"name"},
		autoName: 255,
		computed: []string{"arn"},
		create:   func(_ *Account, in property.Map) (string, error) { return strIn(in, "name"), nil },
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			return map[string]property.Value{
				"arn":     property.New(fmt.Sprintf("arn:%s:cloudwatch:%s:%s:alarm:%s", a.partition, a.region, a.id, id)),
				"tagsAll": tagsAll(in),
			}
		},
	}
}

// checkMetricFilter is PutMetricFilter's check: the group exists and is of a class that has metric filters.
func checkMetricFilter(a *Account, in property.Map) error {
	group := a.get(TypeLogGroup, strIn(in, "logGroupName"))
	if group == nil {
		return awsError("ResourceNotFoundException", "The specified log group does not exist.")
	}
	// [V] CloudWatch Logs user guide, "Log classes": Infrequent Access log groups have no metric filters.
	if group.Str("logGroupClass") == "INFREQUENT_ACCESS" {
		return awsError("InvalidParameterException", "Metric filters are not supported for log groups in the "+
			"INFREQUENT_ACCESS log class")
	}
	return nil
}

// checkLogGroupKey is CreateLogGroup's and AssociateKmsKey's check of kmsKeyId: the key exists and its policy
// lets CloudWatch Logs in this region use it for this group's ARN. [V] CloudWatch Logs user guide, "Encrypt log
// data in CloudWatch Logs using AWS KMS" (the key policy statement); [S] the error as AWS words it
// (terraform-provider-aws #29282, aws-cdk #28304).
func checkLogGroupKey(a *Account, group, keyARN string) error {
	groupARN := a.logGroupARN(group)
	denied := awsError("AccessDeniedException", "The specified KMS key does not exist or is not allowed to be "+
		"used with Arn '%s'", groupARN)
	p, ok := parseARN(keyARN)
	if !ok || p.Service != "kms" || !strings.HasPrefix(p.Resource, "key/") {
		return denied
	}
	key := a.get(TypeKMSKey, strings.TrimPrefix(p.Resource, "key/"))
	if key == nil {
		return denied
	}
	if !keyAllowsLogs(key.Str("policy"), "logs."+a.region+".amazonaws.com", groupARN) {
		return denied
	}
	return nil
}

// keyAllowsLogs reports whether a key policy allows service to GenerateDataKey and Decrypt for groupARN: an
// Allow statement for the service principal whose actions cover both (wildcards as IAM reads them) and whose
// condition, if any, on kms:EncryptionContext:aws:logs:arn matches the group's ARN.
func keyAllowsLogs(policy, service, groupARN string) bool {
	var doc struct {
		Statement []struct {
			Effect    string
			Principal any
			Action    any
			Condition map[string]map[string]any
		}
	}
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return false
	}
	for _, s := range doc.Statement {
		p, _ := s.Principal.(map[string]any)
		if s.Effect != "Allow" || p == nil || !anyMatch(p["Service"], func(v string) bool { return v == service }) {
			continue
		}
		covers := func(action string) bool {
			return anyMatch(s.Action, func(pattern string) bool { ok, _ := path.Match(pattern, action); return ok })
		}
		if !covers("kms:GenerateDataKey") || !covers("kms:Decrypt") {
			continue
		}
		conditionOK := true
		for op, kv := range s.Condition {
			for k, v := range kv {
				if k != "kms:EncryptionContext:aws:logs:arn" {
					continue
				}
				conditionOK = anyMatch(v, func(pattern string) bool {
					if op == "ArnLike" || op == "StringLike" {
						ok, _ := path.Match(pattern, groupARN)
						return ok || strings.HasSuffix(pattern, "*") && strings.HasPrefix(groupARN, strings.TrimSuffix(pattern, "*"))
					}
					return pattern == groupARN
				})
			}
		}
		if conditionOK {
			return true
		}
	}
	return false
}
