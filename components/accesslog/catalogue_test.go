package accesslog_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// Every Var constant declared in catalogue.go, read from the source so a new constant cannot skip the
// catalogue.
func declaredVars(t *testing.T) map[string]accesslog.Var {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "catalogue.go", nil, 0)
	require.NoError(t, err)
	out := map[string]accesslog.Var{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Var" {
				continue
			}
			lit := vs.Values[0].(*ast.BasicLit)
			v, err := strconv.Unquote(lit.Value)
			require.NoError(t, err)
			out[vs.Names[0].Name] = accesslog.Var(v)
		}
	}
	return out
}

func TestEveryConstantIsInTheCatalogue(t *testing.T) {
	t.Parallel()
	vars := declaredVars(t)
	require.Greater(t, len(vars), 80, "got %d constants, want the whole catalogue", len(vars))
	seen := map[accesslog.Var]string{}
	for name, v := range vars {
		info, ok := v.Info()
		require.True(t, ok, "constant %s = %s is not in the catalogue", name, v)
		assert.Equal(t, v, info.Var, "constant %s", name)
		assert.NotEmpty(t, info.Description, "%s has no description", v)
		assert.NotEmpty(t, info.Example, "%s has no example", v)
		assert.NotEmpty(t, info.APIs, "%s has no API type", v)
		assert.Empty(t, seen[v], "%s is declared twice: %s and %s", v, seen[v], name)
		seen[v] = name
	}
	// And the other way: each fixed catalogue entry has its constant.
	for _, api := range accesslog.APITypes {
		for _, info := range accesslog.Variables(api) {
			if !info.Pattern {
				assert.NotEmpty(t, seen[info.Var], "%s has no Go constant", info.Var)
			}
		}
	}
}

func TestCatalogueIsSortedAndDescriptionsAreOneLine(t *testing.T) {
	t.Parallel()
	for _, api := range accesslog.APITypes {
		var names []string
		for _, info := range accesslog.Variables(api) {
			assert.NotContains(t, info.Description, "\n", "%s", info.Var)
			assert.True(t, strings.HasPrefix(string(info.Var), "$context."), "%s", info.Var)
			if !info.Pattern {
				names = append(names, string(info.Var))
			}
		}
		assert.True(t, slices.IsSorted(names), "catalogue for %s is not sorted", api)
	}
}

func TestCatalogueAvailabilityPerAPIType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    accesslog.Var
		want []accesslog.APIType
	}{
		{accesslog.RequestID, []accesslog.APIType{accesslog.REST, accesslog.HTTP, accesslog.WebSocket}},
		{accesslog.ExtendedRequestID, []accesslog.APIType{accesslog.REST, accesslog.HTTP, accesslog.WebSocket}},
		{accesslog.SourceIP, []accesslog.APIType{accesslog.REST, accesslog.HTTP, accesslog.WebSocket}},
		{accesslog.ResourcePath, []accesslog.APIType{accesslog.REST}},
		{accesslog.ResourceID, []accesslog.APIType{accesslog.REST}},
		{accesslog.XRayTraceID, []accesslog.APIType{accesslog.REST}},
		{accesslog.WAFResponseCode, []accesslog.APIType{accesslog.REST}},
		{accesslog.APIKey, []accesslog.APIType{accesslog.REST, accesslog.WebSocket}},
		{accesslog.ErrorValidationErrorString, []accesslog.APIType{accesslog.REST, accesslog.WebSocket}},
		{accesslog.AuthorizerLatency, []accesslog.APIType{accesslog.REST, accesslog.WebSocket}},
		{accesslog.AuthorizerError, []accesslog.APIType{accesslog.REST, accesslog.HTTP, accesslog.WebSocket}},
		{accesslog.RouteKey, []accesslog.APIType{accesslog.HTTP, accesslog.WebSocket}},
		{accesslog.DataProcessed, []accesslog.APIType{accesslog.HTTP}},
		{accesslog.AWSEndpointRequestID2, []accesslog.APIType{accesslog.HTTP}},
		{accesslog.ResponseLatency, []accesslog.APIType{accesslog.REST, accesslog.HTTP}},
		// The developer guide's 2025 additions, REST only.
		{accesslog.TLSVersion, []accesslog.APIType{accesslog.REST}},
		{accesslog.CipherSuite, []accesslog.APIType{accesslog.REST}},
		{accesslog.IntegrationResponseTransferMode, []accesslog.APIType{accesslog.REST}},
		{accesslog.IntegrationTimeToAllHeaders, []accesslog.APIType{accesslog.REST}},
		{accesslog.IntegrationTimeToFirstContent, []accesslog.APIType{accesslog.REST}},
		{accesslog.CustomDomainRoutingRuleIDMatched, []accesslog.APIType{accesslog.REST}},
		// waf.* is REST and WebSocket; integrationStatus is not on either WebSocket page.
		{accesslog.WAFError, []accesslog.APIType{accesslog.REST, accesslog.WebSocket}},
		{accesslog.WAFLatency, []accesslog.APIType{accesslog.REST, accesslog.WebSocket}},
		{accesslog.WAFStatus, []accesslog.APIType{accesslog.REST, accesslog.WebSocket}},
		{accesslog.IntegrationStatus, []accesslog.APIType{accesslog.REST, accesslog.HTTP}},
		{accesslog.IntegrationIntegrationStatus, []accesslog.APIType{accesslog.REST, accesslog.HTTP, accesslog.WebSocket}},
		// Kept for HTTP with a cited source (an older copy of the HTTP page).
		{accesslog.AuthorizerPrincipalID, []accesslog.APIType{accesslog.REST, accesslog.HTTP, accesslog.WebSocket}},
		{accesslog.CustomDomainBasePathMatched, []accesslog.APIType{accesslog.REST, accesslog.HTTP}},
		{accesslog.ConnectionID, []accesslog.APIType{accesslog.WebSocket}},
		{accesslog.ConnectedAt, []accesslog.APIType{accesslog.WebSocket}},
		{accesslog.EventType, []accesslog.APIType{accesslog.WebSocket}},
		{accesslog.MessageID, []accesslog.APIType{accesslog.WebSocket}},
		{accesslog.AuthorizerClaim("email"), []accesslog.APIType{accesslog.REST, accesslog.HTTP}},
		{accesslog.AuthorizerProperty("tenant"), []accesslog.APIType{accesslog.REST, accesslog.HTTP, accesslog.WebSocket}},
		{accesslog.RequestOverrideHeader("x-request-id"), []accesslog.APIType{accesslog.REST}},
		{accesslog.RequestOverridePath("id"), []accesslog.APIType{accesslog.REST}},
		{accesslog.RequestOverrideQuerystring("page"), []accesslog.APIType{accesslog.REST}},
		{accesslog.ResponseOverrideHeader("cache-control"), []accesslog.APIType{accesslog.REST}},
	}
	for _, tt := range tests {
		t.Run(string(tt.v), func(t *testing.T) {
			t.Parallel()
			info, ok := tt.v.Info()
			require.True(t, ok, "got unknown, want %s in the catalogue", tt.v)
			assert.Equal(t, tt.want, info.APIs, "got %v, want %v", info.APIs, tt.want)
			for _, api := range accesslog.APITypes {
				format := string(tt.v) + " $context.extendedRequestId"
				err := accesslog.Validate(format, api)
				if slices.Contains(tt.want, api) {
					assert.NoError(t, err, "%s on %s", tt.v, api)
					assert.Empty(t, accesslog.Warnings(format, api), "%s on %s: want it in the catalogue, not only accepted", tt.v, api)
				} else {
					assert.ErrorIs(t, err, accesslog.ErrWrongAPI, "%s on %s", tt.v, api)
				}
			}
		})
	}
}

func TestNewerVariablesAreMarked(t *testing.T) {
	t.Parallel()
	var got []accesslog.Var
	for _, info := range accesslog.Variables(accesslog.REST) {
		if info.Newer {
			got = append(got, info.Var)
		}
	}
	want := []accesslog.Var{accesslog.DeploymentID, accesslog.EndpointType}
	assert.ElementsMatch(t, want, got, "got %v, want %v", got, want)
}

func TestParameterisedExamples(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "jane@example.com", accesslog.Example(accesslog.AuthorizerClaim("email")))
	assert.Equal(t, "value-of-tenant", accesslog.Example(accesslog.AuthorizerProperty("tenant")))
	assert.Equal(t, "", accesslog.Example("$context.nope"))
	info, ok := accesslog.Var("$context.authorizer.claims").Info()
	require.True(t, ok, "authorizer.claims is a property of the authorizer pattern")
	assert.Equal(t, accesslog.Var("$context.authorizer.claims"), info.Var)
}

// Variables the catalogue used to list without an AWS page behind them are out of it: a format using them
// still passes, with a warning that names them.
func TestRemovedVariablesPassWithAWarning(t *testing.T) {
	t.Parallel()
	for _, v := range []accesslog.Var{"$context.isCanaryRequest", "$context.identity.vpcId", "$context.identity.vpceId"} {
		_, ok := v.Info()
		assert.False(t, ok, "got %s in the catalogue, want it out (no AWS page lists it for access logs)", v)
		format := "$context.requestId " + string(v)
		require.NoError(t, accesslog.Validate(format, accesslog.REST), "%s", v)
		w := accesslog.Warnings(format, accesslog.REST)
		require.Len(t, w, 1, "%s: got %v", v, w)
		assert.Contains(t, w[0], string(v))
	}
	err := accesslog.Validate("$context.requestId $context.integrationStatus", accesslog.WebSocket)
	require.ErrorIs(t, err, accesslog.ErrWrongAPI)
	assert.Contains(t, err.Error(), "use $context.integration.integrationStatus")
}

// The descriptions say what the developer guide says about a variable's quirks.
func TestDescriptionsCarryTheGuidesCaveats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    accesslog.Var
		want string
	}{
		{accesslog.RequestID, "{UUID}_REPLACED_INVALID_REQUEST_ID"},
		{accesslog.RequestID, "clients can override it"},
		{accesslog.ExtendedRequestID, "equivalent to $context.requestId on HTTP and WebSocket APIs"},
		{accesslog.RequestTimeEpoch, "the HTTP API page gives no unit"},
		{accesslog.ClientCertPEM, "only when mutual TLS authentication fails"},
		{accesslog.ClientCertIssuerDN, "only when mutual TLS authentication fails"},
		{accesslog.ClientCertSerialNumber, "only when mutual TLS authentication fails"},
		{accesslog.ClientCertSubjectDN, "only when mutual TLS authentication fails"},
		{accesslog.ClientCertValidityNotAfter, "only when mutual TLS authentication fails"},
		{accesslog.ClientCertValidityNotBefore, "only when mutual TLS authentication fails"},
	}
	for _, tt := range tests {
		info, ok := tt.v.Info()
		require.True(t, ok, "%s", tt.v)
		assert.Contains(t, info.Description, tt.want, "%s", tt.v)
	}
}
