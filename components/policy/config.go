package policy

import (
	"fmt"
	"math"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// DefaultMinimumRetentionDays is the retention log groups need unless configured: one year, the default of
// AWS Config's cw-loggroup-retention-period-check and Prowler, and Checkov CKV_AWS_338's fixed threshold.
const DefaultMinimumRetentionDays = 365

// maxRetentionDays is the longest retention CloudWatch Logs accepts (CloudWatch Logs API reference,
// PutRetentionPolicy; components/AWS.md, "CloudWatch Logs").
const maxRetentionDays = 3653

// Config keys.
const (
	keyMinimumRetentionDays = "minimumRetentionDays"
	keyAllowNeverExpire     = "allowNeverExpire"
	keyRequireKMS           = "requireKms"
)

// RetentionConfig is the log-group-retention policy's configuration.
type RetentionConfig struct {
	// MinimumDays is the shortest retention allowed, in days; 0 turns the policy off.
	MinimumDays int
	// AllowNeverExpire accepts retention 0 (never expire) and a missing retentionInDays (pulumi-aws's default
	// is never expire) when MinimumDays is set.
	AllowNeverExpire bool
}

// KMSConfig is the log-group-kms policy's configuration.
type KMSConfig struct {
	// Required makes a log group without kmsKeyId a violation.
	Required bool
}

// RetentionConfigSchema is the JSON schema of the log-group-retention policy's configuration. The engine
// fills in the defaults and rejects a config that does not match before the pack runs.
func RetentionConfigSchema() *policyx.ConfigSchema {
	return &policyx.ConfigSchema{Properties: map[string]map[string]any{
		keyMinimumRetentionDays: {
			"type":    "integer",
			"minimum": 0,
			"maximum": maxRetentionDays,
			"default": DefaultMinimumRetentionDays,
			"description": "Shortest retention a log group may have, in days (0 turns the check off). " +
				"365 matches AWS Config cw-loggroup-retention-period-check, Prowler and Checkov CKV_AWS_338.",
		},
		keyAllowNeverExpire: {
			"type":    "boolean",
			"default": false,
			"description": "Accept retention 0 (never expire), and a log group without retentionInDays (pulumi-aws's " +
				"default is never expire), as keeping logs at least the minimum. AWS Config " +
				"cw-loggroup-retention-period-check, Prowler and Checkov CKV_AWS_338 accept never-expire; KICS " +
				"ef0b316a and an audit horizon with a fixed end want a finite period, hence the default false.",
		},
	}}
}

// KMSConfigSchema is the JSON schema of the log-group-kms policy's configuration.
func KMSConfigSchema() *policyx.ConfigSchema {
	return &policyx.ConfigSchema{Properties: map[string]map[string]any{
		keyRequireKMS: {
			"type":    "boolean",
			"default": false,
			"description": "Require every log group to be encrypted with a KMS key (kmsKeyId). Without a key, " +
				"CloudWatch Logs still encrypts at rest with keys AWS owns.",
		},
	}}
}

// ParseRetentionConfig reads a policy config as the engine passes it (JSON: numbers are float64); a missing
// key takes its default.
func ParseRetentionConfig(cfg map[string]any) (RetentionConfig, error) {
	out := RetentionConfig{MinimumDays: DefaultMinimumRetentionDays}
	if v, ok := cfg[keyMinimumRetentionDays]; ok {
		days, err := integer(keyMinimumRetentionDays, v)
		if err != nil {
			return RetentionConfig{}, err
		}
		if days < 0 || days > maxRetentionDays {
			return RetentionConfig{}, fmt.Errorf("%s %d is not allowed: use 0 to %d days", keyMinimumRetentionDays,
				days, maxRetentionDays)
		}
		out.MinimumDays = days
	}
	allow, err := boolean(cfg, keyAllowNeverExpire)
	if err != nil {
		return RetentionConfig{}, err
	}
	out.AllowNeverExpire = allow
	return out, nil
}

// ParseKMSConfig reads the log-group-kms policy's config like [ParseRetentionConfig].
func ParseKMSConfig(cfg map[string]any) (KMSConfig, error) {
	required, err := boolean(cfg, keyRequireKMS)
	return KMSConfig{Required: required}, err
}

// integer reads a whole number given as any Go number type.
func integer(key string, v any) (int, error) {
	var f float64
	switch n := v.(type) {
	case int:
		return n, nil
	case int64:
		f = float64(n)
	case float64:
		f = n
	default:
		return 0, fmt.Errorf("%s %v is not allowed: use a whole number of days", key, v)
	}
	if f != math.Trunc(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%s %v is not allowed: use a whole number of days", key, v)
	}
	return int(f), nil
}

// boolean reads cfg[key], false when missing.
func boolean(cfg map[string]any, key string) (bool, error) {
	v, ok := cfg[key]
	if !ok {
		return false, nil
	}
	b, ok := v.(bool)
	if !ok {
		return false, fmt.Errorf("%s %v is not allowed: use true or false", key, v)
	}
	return b, nil
}
