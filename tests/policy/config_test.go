package policy_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/analyzer"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"
)

// jsonRoundTrip passes v through JSON, as the schemas and the config do between the pack and the engine: numbers
// come back as float64.
func jsonRoundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var out T
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}

// engineConfig returns the config the engine hands each policy of the pack for a team's policy pack config file
// (nil: none): the engine's own reconciliation, which fills in schema defaults and validates, followed by the
// JSON the policyx server decodes. Errors are the engine's validation messages.
func engineConfig(t *testing.T, file map[string]plugin.AnalyzerPolicyConfig) (map[string]plugin.AnalyzerPolicyConfig, []string) {
	t.Helper()
	pack, err := policy.Pack()
	require.NoError(t, err)
	levels := map[policyx.EnforcementLevel]apitype.EnforcementLevel{
		policyx.EnforcementLevelAdvisory:  apitype.Advisory,
		policyx.EnforcementLevelMandatory: apitype.Mandatory,
	}
	var infos []plugin.AnalyzerPolicyInfo
	for _, p := range pack.Policies() {
		info := plugin.AnalyzerPolicyInfo{Name: p.Name(), Description: p.Description(), EnforcementLevel: levels[p.EnforcementLevel()]}
		if s := p.ConfigSchema(); s != nil {
			props := map[string]plugin.JSONSchema{}
			for k, v := range jsonRoundTrip(t, s.Properties) {
				props[k] = v
			}
			info.ConfigSchema = &plugin.AnalyzerPolicyConfigSchema{Properties: props, Required: s.Required}
		}
		infos = append(infos, info)
	}
	cfg, invalid, err := analyzer.ReconcilePolicyPackConfig(infos, nil, file)
	require.NoError(t, err)
	for name, c := range cfg {
		c.Properties = jsonRoundTrip(t, c.Properties)
		cfg[name] = c
	}
	return cfg, invalid
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	cfg, invalid := engineConfig(t, nil)
	require.Empty(t, invalid)

	retention, err := policy.ParseRetentionConfig(cfg["log-group-retention"].Properties)
	require.NoError(t, err)
	assert.Equal(t, policy.RetentionConfig{MinimumDays: 365, AllowNeverExpire: false}, retention)
	assert.Equal(t, map[string]any{"minimumRetentionDays": 365.0, "allowNeverExpire": false},
		cfg["log-group-retention"].Properties, "the engine fills in the schema's defaults")

	kms, err := policy.ParseKMSConfig(cfg["log-group-kms"].Properties)
	require.NoError(t, err)
	assert.Equal(t, policy.KMSConfig{Required: false}, kms)

	// The same defaults when a policy is run with no config at all (as a test or another harness may).
	retention, err = policy.ParseRetentionConfig(nil)
	require.NoError(t, err)
	assert.Equal(t, policy.RetentionConfig{MinimumDays: policy.DefaultMinimumRetentionDays}, retention)

	levels := map[string]apitype.EnforcementLevel{}
	for name, c := range cfg {
		levels[name] = c.EnforcementLevel
	}
	assert.Equal(t, map[string]apitype.EnforcementLevel{
		"stage-access-logging":           apitype.Mandatory,
		"access-log-request-id":          apitype.Mandatory,
		"access-log-not-execution-group": apitype.Mandatory,
		"log-group-retention":            apitype.Mandatory,
		"log-group-kms":                  apitype.Advisory,
		"rest-stage-xray":                apitype.Advisory,
		"method-settings-logging":        apitype.Advisory,
		"method-settings-no-data-trace":  apitype.Advisory,
		"stage-execution-logging":        apitype.Advisory,
		"execution-log-group-defined":    apitype.Advisory,
	}, levels)
}

func TestConfigChangedByATeam(t *testing.T) {
	t.Parallel()
	cfg, invalid := engineConfig(t, map[string]plugin.AnalyzerPolicyConfig{
		"log-group-retention": {Properties: map[string]any{"minimumRetentionDays": 90, "allowNeverExpire": true}},
		"log-group-kms":       {EnforcementLevel: apitype.Mandatory, Properties: map[string]any{"requireKms": true}},
		"rest-stage-xray":     {EnforcementLevel: apitype.Disabled},
	})
	require.Empty(t, invalid)

	retention, err := policy.ParseRetentionConfig(cfg["log-group-retention"].Properties)
	require.NoError(t, err)
	assert.Equal(t, policy.RetentionConfig{MinimumDays: 90, AllowNeverExpire: true}, retention)
	kms, err := policy.ParseKMSConfig(cfg["log-group-kms"].Properties)
	require.NoError(t, err)
	assert.Equal(t, policy.KMSConfig{Required: true}, kms)
	assert.Equal(t, apitype.Mandatory, cfg["log-group-kms"].EnforcementLevel)
	assert.Equal(t, apitype.Disabled, cfg["rest-stage-xray"].EnforcementLevel)

	// The policies act on it: a 90-day group and a never-expire group pass, a group without a key fails.
	assert.Empty(t, validate(t, policy.LogGroupRetention(), seedLogGroup(90), cfg["log-group-retention"].Properties))
	assert.Empty(t, validate(t, policy.LogGroupRetention(), seedLogGroup(0), cfg["log-group-retention"].Properties))
	assertViolations(t, validate(t, policy.LogGroupKMS(), seedLogGroup(90), cfg["log-group-kms"].Properties),
		seedLogGroup(90), "KICS 0afbcfe9")
}

func TestConfigRejected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		policy string
		props  map[string]any
	}{
		{"minimum not a number", "log-group-retention", map[string]any{"minimumRetentionDays": "a year"}},
		{"minimum negative", "log-group-retention", map[string]any{"minimumRetentionDays": -1}},
		{"minimum beyond ten years", "log-group-retention", map[string]any{"minimumRetentionDays": 4000}},
		{"minimum fractional", "log-group-retention", map[string]any{"minimumRetentionDays": 30.5}},
		{"allowNeverExpire not a boolean", "log-group-retention", map[string]any{"allowNeverExpire": "yes"}},
		{"requireKms not a boolean", "log-group-kms", map[string]any{"requireKms": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, invalid := engineConfig(t, map[string]plugin.AnalyzerPolicyConfig{tt.policy: {Properties: tt.props}})
			assert.NotEmpty(t, invalid, "the engine rejects it before the pack runs")

			// And the policy itself refuses it, should a harness skip the engine's check.
			p := policy.LogGroupRetention()
			if tt.policy == "log-group-kms" {
				p = policy.LogGroupKMS()
			}
			err := p.Validate(t.Context(), policyx.ResourceValidationArgs{Manager: &recorder{},
				Resource: seedLogGroup(365), Config: tt.props})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.policy)
		})
	}
}
