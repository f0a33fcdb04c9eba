package policy

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// LogGroupRetention is the policy that log groups keep logs for at least a minimum number of days
// ([RetentionConfig]). It checks every aws.cloudwatch.LogGroup, as Security Hub CloudWatch.16 and the
// scanners do, not only access-log groups: an execution-log group holds evidence too. Retention 0 (never
// expire) and a missing retentionInDays (pulumi-aws's default, never expire) keep logs forever, yet fail
// unless allowNeverExpire is set: KICS ef0b316a and an audit horizon with a fixed end want a finite period,
// while AWS Config, Prowler and Checkov CKV_AWS_338 accept never-expire.
func LogGroupRetention() policyx.ResourceValidationPolicy {
	return policyx.NewResourceValidationPolicy("log-group-retention", policyx.ResourceValidationPolicyArgs{
		Description: "CloudWatch log groups keep logs for at least minimumRetentionDays (default 365); never-expire " +
			"passes only with allowNeverExpire " + idsRetention.String() + ".",
		EnforcementLevel: policyx.EnforcementLevelMandatory,
		ConfigSchema:     RetentionConfigSchema(),
		ValidateResource: judge(func(args policyx.ResourceValidationArgs, r policyx.AnalyzerResource) error {
			cfg, err := ParseRetentionConfig(args.Config)
			if err != nil {
				return fmt.Errorf("log-group-retention config: %w", err)
			}
			v := get(r.Properties, "retentionInDays")
			if cfg.MinimumDays == 0 || v.IsComputed() {
				return nil
			}
			days := 0.0
			if v.IsNumber() {
				days = v.AsNumber()
			}
			switch {
			case days == 0 && cfg.AllowNeverExpire:
			case days == 0:
				what := "retention 0 (never expire)"
				if v.IsNull() {
					what = "no retentionInDays, so pulumi-aws's default applies: never expire"
				}
				report(args, "%s has %s, and this pack's config wants a finite period of at least %d days: set "+
					"retentionInDays to %d or more, or set allowNeverExpire to accept never-expire as AWS Config, "+
					"Prowler and Checkov do %s", describe(r), what, cfg.MinimumDays, cfg.MinimumDays, idsRetention)
			case days < float64(cfg.MinimumDays):
				report(args, "%s keeps logs for %g days, less than the minimum of %d: set retentionInDays to %d or "+
					"more %s", describe(r), days, cfg.MinimumDays, cfg.MinimumDays, idsRetention)
			}
			return nil
		}, typeLogGroup),
	})
}

// LogGroupKMS is the policy that log groups are encrypted with a KMS key (kmsKeyId) when [KMSConfig] requires
// it; by default it checks nothing.
func LogGroupKMS() policyx.ResourceValidationPolicy {
	return policyx.NewResourceValidationPolicy("log-group-kms", policyx.ResourceValidationPolicyArgs{
		Description: "CloudWatch log groups are encrypted with a KMS key (kmsKeyId) when requireKms is set " +
			idsKMS.String() + ".",
		EnforcementLevel: policyx.EnforcementLevelAdvisory,
		ConfigSchema:     KMSConfigSchema(),
		ValidateResource: judge(func(args policyx.ResourceValidationArgs, r policyx.AnalyzerResource) error {
			cfg, err := ParseKMSConfig(args.Config)
			if err != nil {
				return fmt.Errorf("log-group-kms config: %w", err)
			}
			if cfg.Required && !set(get(r.Properties, "kmsKeyId")) {
				report(args, "%s has no kmsKeyId: set it to the ARN of a KMS key whose policy lets "+
					"logs.<region>.amazonaws.com use it %s", describe(r), idsKMS)
			}
			return nil
		}, typeLogGroup),
	})
}
