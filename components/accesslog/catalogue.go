package accesslog

import (
	"slices"
	"strings"
)

// CatalogueDate is the day the catalogue was last compared, page by page, with the API Gateway developer
// guide; [Warnings] quote it, so a reader can tell how old the list is.
const CatalogueDate = "2026-11-25"

// APIType is the kind of API Gateway API: a format is for one kind, and the three kinds accept different
// $context variables. It is the one API type of the whole project: the strings are the values users type
// (the apiType config key and the components' apiType field). The zero value means REST where a component
// takes it (see [APIType.OrREST]).
type APIType string

// The API types.
const (
	REST      APIType = "rest"
	HTTP      APIType = "http"
	WebSocket APIType = "websocket"
)

// OrREST returns the type, with the zero value read as REST, the default API type.
func (a APIType) OrREST() APIType {
	if a == "" {
		return REST
	}
	return a
}

// APITypes lists every API type.
var APITypes = []APIType{REST, HTTP, WebSocket}

// String returns the human name, such as "HTTP API".
func (a APIType) String() string {
	switch a {
	case REST:
		return "REST API"
	case HTTP:
		return "HTTP API"
	case WebSocket:
		return "WebSocket API"
	}
	return "API type " + string(a)
}

func (a APIType) valid() bool { return a == REST || a == HTTP || a == WebSocket }

// Var is a $context variable as written in a format, such as "$context.requestId". The constants below give
// Go users completion instead of strings; parameterised variables are built with [AuthorizerClaim],
// [AuthorizerProperty], [RequestOverrideHeader] and the like.
type Var string

// Name is the variable without its "$context." prefix, such as "identity.sourceIp".
func (v Var) Name() string { return strings.TrimPrefix(string(v), contextPrefix) }

// Info describes a $context variable in access logs.
func (v Var) Info() (Info, bool) { return describe(v.Name()) }

const contextPrefix = "$context."

// Kind says how a variable's value looks, which matters where it sits in a JSON format.
type Kind int

// The kinds of value.
const (
	// String values belong inside a JSON string: "ip":"$context.identity.sourceIp".
	String Kind = iota
	// Number values are digits (a status code, a latency in ms, a size in bytes) and may also stand outside
	// a JSON string: "status":$context.status. AWS writes "-" for a value it does not have [S], which makes
	// such a line invalid JSON, so the presets quote every variable anyway.
	Number
	// Quoted values come with their own double quotes ($context.error.messageString) and belong outside a
	// JSON string.
	Quoted
)

// Info is one entry of the catalogue.
type Info struct {
	// Var is the variable; for a parameterised one, the pattern, such as "$context.authorizer.claims.{property}".
	Var Var
	// Description is one line from the AWS developer guide, shortened.
	Description string
	// Example is a realistic value, used by [Sample] and for sizes and costs.
	Example string
	// APIs are the API types whose access logs accept the variable.
	APIs []APIType
	// Kind says how the value looks.
	Kind Kind
	// FreeText is set when values can hold spaces, commas or quotes, so [Build] quotes them in text formats.
	FreeText bool
	// Newer marks variables that no AWS access-logging page confirms (components/AWS.md, "The $context
	// catalogue"): designed for, not promised.
	Newer bool
	// Pattern is set for a parameterised variable; Var then holds the pattern.
	Pattern bool
}

// For reports whether api accepts the variable.
func (i Info) For(api APIType) bool { return slices.Contains(i.APIs, api) }

// The catalogue, compared page by page with the Amazon API Gateway developer guide on [CatalogueDate]
// (pages read in stored copies; each entry below says which page lists it when that is not the page of its
// API type):
//   - REST: "Variables for access logging for API Gateway",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html,
//     with the variables three 2025 feature pages added to it (cited at their entries): "Security policies for
//     REST APIs in API Gateway" (apigateway-security-policies, Nov 2025), "Troubleshoot issues with response
//     streaming" (response-streaming-troubleshoot, Nov 2025) and "Troubleshooting issues with routing rules"
//     (rest-api-routing-rules-troubleshoot, Jun 2025);
//   - HTTP: "Customize HTTP API access logs",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html;
//   - WebSocket: "Configure logging for WebSocket APIs in API Gateway",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html, and the
//     WebSocket mapping template reference (websocket-api-mapping-template-reference).
//
// Where only part of a page could be read, the entry relies on components/AWS.md ("The $context
// catalogue") and says so. Example values use documentation ranges (198.51.100.0/24, 123456789012,
// example.com).
//
// AWS adds variables every year, so the list will lag: [Validate] accepts a well-formed variable it does not
// list, unless it looks like a typo of one it does, and [Warnings] names it.
var (
	rest     = []APIType{REST}
	rh       = []APIType{REST, HTTP}
	rw       = []APIType{REST, WebSocket}
	rhw      = []APIType{REST, HTTP, WebSocket}
	httpOnly = []APIType{HTTP}
	hw       = []APIType{HTTP, WebSocket}
	wsock    = []APIType{WebSocket}
)

// Variables with a fixed name. Go names follow the variable's path in CamelCase with Go initialisms; identity.*
// drops "Identity" (SourceIP, UserAgent) except identity.accountId ([IdentityAccountID], as [AccountID] is
// taken); integration.latency and integration.status are [IntegrationDotLatency] and [IntegrationDotStatus]
// because integrationLatency and integrationStatus hold the plain names.
const (
	AccountID                        Var = "$context.accountId"
	APIID                            Var = "$context.apiId"
	AuthenticateError                Var = "$context.authenticate.error"
	AuthenticateLatency              Var = "$context.authenticate.latency"
	AuthenticateStatus               Var = "$context.authenticate.status"
	AuthorizeError                   Var = "$context.authorize.error"
	AuthorizeLatency                 Var = "$context.authorize.latency"
	AuthorizeStatus                  Var = "$context.authorize.status"
	AuthorizerError                  Var = "$context.authorizer.error"
	AuthorizerIntegrationLatency     Var = "$context.authorizer.integrationLatency"
	AuthorizerIntegrationStatus      Var = "$context.authorizer.integrationStatus"
	AuthorizerLatency                Var = "$context.authorizer.latency"
	AuthorizerPrincipalID            Var = "$context.authorizer.principalId"
	AuthorizerRequestID              Var = "$context.authorizer.requestId"
	AuthorizerStatus                 Var = "$context.authorizer.status"
	AWSEndpointRequestID             Var = "$context.awsEndpointRequestId"
	AWSEndpointRequestID2            Var = "$context.awsEndpointRequestId2"
	CipherSuite                      Var = "$context.cipherSuite"
	ConnectedAt                      Var = "$context.connectedAt"
	ConnectionID                     Var = "$context.connectionId"
	CustomDomainBasePathMatched      Var = "$context.customDomain.basePathMatched"
	CustomDomainRoutingRuleIDMatched Var = "$context.customDomain.routingRuleIdMatched"
	DataProcessed                    Var = "$context.dataProcessed"
	DeploymentID                     Var = "$context.deploymentId"
	DomainName                       Var = "$context.domainName"
	DomainPrefix                     Var = "$context.domainPrefix"
	EndpointType                     Var = "$context.endpointType"
	ErrorMessage                     Var = "$context.error.message"
	ErrorMessageString               Var = "$context.error.messageString"
	ErrorResponseType                Var = "$context.error.responseType"
	ErrorValidationErrorString       Var = "$context.error.validationErrorString"
	EventType                        Var = "$context.eventType"
	ExtendedRequestID                Var = "$context.extendedRequestId"
	HTTPMethod                       Var = "$context.httpMethod"
	IdentityAccountID                Var = "$context.identity.accountId"
	APIKey                           Var = "$context.identity.apiKey"
	APIKeyID                         Var = "$context.identity.apiKeyId"
	Caller                           Var = "$context.identity.caller"
	ClientCertPEM                    Var = "$context.identity.clientCert.clientCertPem"
	ClientCertIssuerDN               Var = "$context.identity.clientCert.issuerDN"
	ClientCertSerialNumber           Var = "$context.identity.clientCert.serialNumber"
	ClientCertSubjectDN              Var = "$context.identity.clientCert.subjectDN"
	ClientCertValidityNotAfter       Var = "$context.identity.clientCert.validity.notAfter"
	ClientCertValidityNotBefore      Var = "$context.identity.clientCert.validity.notBefore"
	CognitoAuthenticationProvider    Var = "$context.identity.cognitoAuthenticationProvider"
	CognitoAuthenticationType        Var = "$context.identity.cognitoAuthenticationType"
	CognitoIdentityID                Var = "$context.identity.cognitoIdentityId"
	CognitoIdentityPoolID            Var = "$context.identity.cognitoIdentityPoolId"
	PrincipalOrgID                   Var = "$context.identity.principalOrgId"
	SourceIP                         Var = "$context.identity.sourceIp"
	User                             Var = "$context.identity.user"
	UserAgent                        Var = "$context.identity.userAgent"
	UserARN                          Var = "$context.identity.userArn"
	IntegrationError                 Var = "$context.integration.error"
	IntegrationIntegrationStatus     Var = "$context.integration.integrationStatus"
	IntegrationDotLatency            Var = "$context.integration.latency"
	IntegrationRequestID             Var = "$context.integration.requestId"
	IntegrationResponseTransferMode  Var = "$context.integration.responseTransferMode"
	IntegrationDotStatus             Var = "$context.integration.status"
	IntegrationTimeToAllHeaders      Var = "$context.integration.timeToAllHeaders"
	IntegrationTimeToFirstContent    Var = "$context.integration.timeToFirstContent"
	IntegrationErrorMessage          Var = "$context.integrationErrorMessage"
	IntegrationLatency               Var = "$context.integrationLatency"
	IntegrationStatus                Var = "$context.integrationStatus"
	MessageID                        Var = "$context.messageId"
	Path                             Var = "$context.path"
	Protocol                         Var = "$context.protocol"
	RequestID                        Var = "$context.requestId"
	RequestTime                      Var = "$context.requestTime"
	RequestTimeEpoch                 Var = "$context.requestTimeEpoch"
	ResourceID                       Var = "$context.resourceId"
	ResourcePath                     Var = "$context.resourcePath"
	ResponseLatency                  Var = "$context.responseLatency"
	ResponseLength                   Var = "$context.responseLength"
	ResponseOverrideStatus           Var = "$context.responseOverride.status"
	RouteKey                         Var = "$context.routeKey"
	Stage                            Var = "$context.stage"
	Status                           Var = "$context.status"
	TLSVersion                       Var = "$context.tlsVersion"
	WAFError                         Var = "$context.waf.error"
	WAFLatency                       Var = "$context.waf.latency"
	WAFStatus                        Var = "$context.waf.status"
	WAFResponseCode                  Var = "$context.wafResponseCode"
	WebACLARN                        Var = "$context.webaclArn"
	XRayTraceID                      Var = "$context.xrayTraceId"
)

// AuthorizerClaim is $context.authorizer.claims.<name>: a claim of the Amazon Cognito user pool (REST) or JWT
// (HTTP) that authenticated the caller, such as AuthorizerClaim("email").
func AuthorizerClaim(name string) Var { return Var(contextPrefix + "authorizer.claims." + name) }

// AuthorizerProperty is $context.authorizer.<key>: a value of the context map a Lambda authorizer returned.
func AuthorizerProperty(key string) Var { return Var(contextPrefix + "authorizer." + key) }

// RequestOverrideHeader is $context.requestOverride.header.<name> (REST).
func RequestOverrideHeader(name string) Var {
	return Var(contextPrefix + "requestOverride.header." + name)
}

// RequestOverridePath is $context.requestOverride.path.<name> (REST).
func RequestOverridePath(name string) Var { return Var(contextPrefix + "requestOverride.path." + name) }

// RequestOverrideQuerystring is $context.requestOverride.querystring.<name> (REST).
func RequestOverrideQuerystring(name string) Var {
	return Var(contextPrefix + "requestOverride.querystring." + name)
}

// ResponseOverrideHeader is $context.responseOverride.header.<name> (REST).
func ResponseOverrideHeader(name string) Var {
	return Var(contextPrefix + "responseOverride.header." + name)
}

type entry struct {
	name  string // without "$context."
	desc  string
	ex    string
	apis  []APIType
	kind  Kind
	free  bool
	newer bool
	// use names the variable to use instead on an API type that lacks this one.
	use map[APIType]Var
}

func str(name, desc, ex string, apis []APIType) entry {
	return entry{name: name, desc: desc, ex: ex, apis: apis}
}

func num(name, desc, ex string, apis []APIType) entry {
	return entry{name: name, desc: desc, ex: ex, apis: apis, kind: Number}
}

func text(name, desc, ex string, apis []APIType) entry {
	return entry{name: name, desc: desc, ex: ex, apis: apis, free: true}
}

func newer(e entry) entry { e.newer = true; return e }

func instead(e entry, m map[APIType]Var) entry { e.use = m; return e }

// fixed is the catalogue of variables with a fixed name, sorted by name (a test keeps it sorted).
var fixed = []entry{
	str("accountId", "The API owner's AWS account ID.", "123456789012", rh),
	str("apiId", "The identifier API Gateway assigns to the API.", "a1b2c3d4e5", rhw),
	text("authenticate.error", "The error message returned from an authentication attempt.", "Invalid client certificate", rw),
	num("authenticate.latency", "The authentication latency in ms.", "3", rw),
	num("authenticate.status", "The status code returned from an authentication attempt.", "200", rw),
	text("authorize.error", "The authorization error message.", "User is not authorized to access this resource", rw),
	num("authorize.latency", "The authorization latency in ms.", "4", rw),
	num("authorize.status", "The status code returned from an authorization attempt.", "200", rw),
	text("authorizer.error", "The error message returned from an authorizer.", "Unauthorized", rhw),
	num("authorizer.integrationLatency", "The Lambda authorizer latency in ms.", "38", rw),
	num("authorizer.integrationStatus", "The status code returned from a Lambda authorizer.", "200", rw),
	num("authorizer.latency", "The authorizer latency in ms.", "41", rw),
	// authorizer.principalId on HTTP APIs: kept with a cited source. The current HTTP page (docs corpus,
	// http-api-logging-variables.md) no longer lists it, but the copy of
	// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html in the pages
	// corpus does ("The principal user identification that a Lambda authorizer returns"), and the name fits
	// $context.authorizer.{property}, which the current page lists, so API Gateway accepts it either way.
	str("authorizer.principalId", "The principal returned by a Lambda authorizer for the caller's token.", "user|a1b2c3d4", rhw),
	str("authorizer.requestId", "The AWS endpoint's request ID for the authorizer call.", "7ae9b1e2-0d3f-4b8a-9c51-2f6e8d4a1b07", rw),
	num("authorizer.status", "The status code returned from an authorizer.", "200", rw),
	str("awsEndpointRequestId", "The AWS endpoint's request ID (x-amz-request-id or x-amzn-requestId header).", "5e1a9c4e-8f1b-4b7e-9a0c-3d2f6b8e1c4a", rh),
	str("awsEndpointRequestId2", "The AWS endpoint's request ID from the x-amz-id-2 header.", "Xm5x2Kq9bR3vLp8s0Tz1Wc4YdA6fGh7j", httpOnly),
	// "Security policies for REST APIs in API Gateway" (apigateway-security-policies, Nov 2025): "To monitor
	// which TLS protocol and ciphers clients used to access your API Gateway, you can use the
	// $context.tlsVersion and $context.cipherSuite context variables in your access logs." REST only: HTTP and
	// WebSocket APIs get the fixed TLS_1_2 policy. The page gives no value format; the examples use the
	// protocol and cipher names it lists [U].
	str("cipherSuite", "The cipher suite the client negotiated in the TLS handshake (security policies).", "TLS_AES_128_GCM_SHA256", rest),
	num("connectedAt", "The Epoch-formatted connection time, in ms.", "1741269909123", wsock),
	str("connectionId", "A unique ID for the connection, for callbacks to the client.", "L0SM9cOFvHcCIhw=", wsock),
	str("customDomain.basePathMatched", "The API mapping path an incoming request matched on a custom domain.", "v1/orders", rh),
	// "Troubleshooting issues with routing rules" (rest-api-routing-rules-troubleshoot, Jun 2025): the ID of the
	// routing rule API Gateway used; "-" when an API mapping routed the request instead. Routing rules are
	// REST-only (API Gateway V2 API reference, RoutingRule: "Supported only for REST APIs").
	str("customDomain.routingRuleIdMatched", "The ID of the routing rule an incoming request matched on a custom domain; \"-\" when an API mapping routed it.", "abc123", rest),
	num("dataProcessed", "The amount of data processed, in bytes.", "1024", httpOnly),
	// deploymentId and endpointType are kept on secondary evidence [S]: the English access-logging page in the
	// corpus does not list them, but a copy of its zh_tw translation does (code.python88.com/l/C6WEaR2Ta9,
	// right after customDomain.routingRuleIdMatched), and "Variables for data transformations for API Gateway"
	// (api-gateway-mapping-template-reference.html) lists deploymentId, as its predecessor "API Gateway mapping
	// template and access logging variable reference" did for templates and access logs alike.
	newer(str("deploymentId", "The ID of the API deployment that served the request.", "abc123", rest)),
	str("domainName", "The full domain name used to invoke the API.", "api.example.com", rhw),
	str("domainPrefix", "The first label of the domain name used to invoke the API.", "api", rh),
	newer(str("endpointType", "The endpoint type of the API: EDGE, REGIONAL or PRIVATE.", "REGIONAL", rest)),
	text("error.message", "A string containing an API Gateway error message.", "Missing Authentication Token", rhw),
	entry{name: "error.messageString", desc: "The quoted value of $context.error.message, that is \"$context.error.message\".",
		ex: `"Missing Authentication Token"`, apis: rhw, kind: Quoted, free: true},
	str("error.responseType", "A type of GatewayResponse, such as MISSING_AUTHENTICATION_TOKEN.", "MISSING_AUTHENTICATION_TOKEN", rhw),
	text("error.validationErrorString", "A string containing a detailed validation error message.", "Invalid request body", rw),
	str("eventType", "The event type: CONNECT, MESSAGE or DISCONNECT.", "MESSAGE", wsock),
	str("extendedRequestId", "The ID API Gateway generates for the request, unique and with more detail for troubleshooting (REST); equivalent to $context.requestId on HTTP and WebSocket APIs.", "Mb5PBEOmIAMEYGw=", rhw),
	instead(str("httpMethod", "The HTTP method used: DELETE, GET, HEAD, OPTIONS, PATCH, POST or PUT.", "GET", rh),
		map[APIType]Var{WebSocket: EventType}),
	str("identity.accountId", "The AWS account ID associated with the request (IAM authorization).", "123456789012", rhw),
	str("identity.apiKey", "The API owner key associated with a key-enabled request.", "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z", rw),
	str("identity.apiKeyId", "The API key ID associated with a key-enabled request.", "x1y2z3a4b5", rw),
	str("identity.caller", "The principal identifier of the caller that signed the request (IAM authorization).", "AROAEXAMPLEID:jane", rhw),
	// identity.clientCert.*: "Present in access logs only if mutual TLS authentication fails" (REST and HTTP
	// pages, and the 2023 REST page; components/AWS.md, "The $context catalogue").
	text("identity.clientCert.clientCertPem", "The PEM-encoded client certificate presented during mutual TLS; logged only when mutual TLS authentication fails.", "-----BEGIN CERTIFICATE-----MIIBszCCAVmgAwIBAgIUQ...-----END CERTIFICATE-----", rh),
	text("identity.clientCert.issuerDN", "The distinguished name of the client certificate's issuer; logged only when mutual TLS authentication fails.", "CN=Example Issuing CA,O=Example Corp,C=US", rh),
	str("identity.clientCert.serialNumber", "The serial number of the client certificate; logged only when mutual TLS authentication fails.", "1A2B3C4D5E6F", rh),
	text("identity.clientCert.subjectDN", "The distinguished name of the client certificate's subject; logged only when mutual TLS authentication fails.", "CN=client.example.com,O=Example Corp,C=US", rh),
	text("identity.clientCert.validity.notAfter", "The date after which the client certificate is invalid; logged only when mutual TLS authentication fails.", "Mar  6 14:05:09 2026 GMT", rh),
	text("identity.clientCert.validity.notBefore", "The date before which the client certificate is invalid; logged only when mutual TLS authentication fails.", "Mar  6 14:05:09 2025 GMT", rh),
	str("identity.cognitoAuthenticationProvider", "The Amazon Cognito authentication providers of the caller, comma-separated.", "cognito-idp.us-east-1.amazonaws.com/us-east-1_aAbBcCdDe,cognito-idp.us-east-1.amazonaws.com/us-east-1_aAbBcCdDe:CognitoSignIn:7ae9b1e2", rhw),
	str("identity.cognitoAuthenticationType", "The Amazon Cognito authentication type: authenticated or unauthenticated.", "authenticated", rhw),
	str("identity.cognitoIdentityId", "The Amazon Cognito identity ID of the caller.", "us-east-1:7ae9b1e2-0d3f-4b8a-9c51-2f6e8d4a1b07", rhw),
	str("identity.cognitoIdentityPoolId", "The Amazon Cognito identity pool ID of the caller.", "us-east-1:0d3f7ae9-b1e2-4b8a-9c51-8d4a1b072f6e", rhw),
	str("identity.principalOrgId", "The AWS Organizations ID of the caller.", "o-a1b2c3d4e5", rhw),
	str("identity.sourceIp", "The source IP address of the TCP connection making the request.", "198.51.100.24", rhw),
	str("identity.user", "The principal identifier of the user that will be authorized (IAM authorization).", "AROAEXAMPLEID:jane", rhw),
	text("identity.userAgent", "The User-Agent header of the caller.", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", rhw),
	str("identity.userArn", "The ARN of the effective user identified after authentication.", "arn:aws:sts::123456789012:assumed-role/app/jane", rhw),
	// identity.vpcId, identity.vpceId and isCanaryRequest: no AWS page on access logging lists them [U]
	// (components/AWS.md, "The $context catalogue"), so they are out of the catalogue. A format that uses them
	// still validates, with a warning ([Warnings]).
	text("integration.error", "The error message returned from an integration; same as $context.integrationErrorMessage.", "Lambda function timed out", rhw),
	num("integration.integrationStatus", "For Lambda proxy integration, the status code from AWS Lambda, not from the function code.", "200", rhw),
	num("integration.latency", "The integration latency in ms; same as $context.integrationLatency.", "87", rhw),
	str("integration.requestId", "The AWS endpoint's request ID for the integration call.", "0d3f7ae9-b1e2-4b8a-9c51-8d4a1b072f6e", rhw),
	// integration.responseTransferMode, timeToAllHeaders, timeToFirstContent: "Troubleshoot issues with response
	// streaming in API Gateway" (response-streaming-troubleshoot, section "Troubleshoot using access logging",
	// Nov 2025), REST only ("Only REST APIs support response streaming", response-transfer-mode). The page
	// gives no unit for the two times; ms like every other latency here [U].
	str("integration.responseTransferMode", "The response transfer mode of the integration: BUFFERED or STREAMED (response streaming).", "STREAMED", rest),
	num("integration.status", "The status code returned from an integration; for Lambda proxy, the function code's status.", "200", rhw),
	num("integration.timeToAllHeaders", "The time from opening the integration connection until all integration response headers arrived (response streaming).", "41", rest),
	num("integration.timeToFirstContent", "The time from opening the integration connection until the first content bytes arrived (response streaming).", "63", rest),
	text("integrationErrorMessage", "A string containing an integration error message.", "Lambda function timed out", rh),
	num("integrationLatency", "The integration latency in ms.", "87", rhw),
	// integrationStatus: not on either WebSocket page (components/AWS.md, "The $context catalogue");
	// WebSocket APIs have $context.integration.integrationStatus.
	instead(num("integrationStatus", "For Lambda proxy integration, the status code from AWS Lambda, not from the function code.", "200", rh),
		map[APIType]Var{WebSocket: IntegrationIntegrationStatus}),
	str("messageId", "A unique server-side ID for a message; only for MESSAGE events.", "L0SM9dUIvHcCIhw=", wsock),
	instead(str("path", "The request path, such as /prod/orders/1234.", "/prod/orders/1234", rh),
		map[APIType]Var{WebSocket: RouteKey}),
	str("protocol", "The request protocol, such as HTTP/1.1.", "HTTP/1.1", rh),
	str("requestId", "An ID for the request; clients can override it, and a value that is not a UUID becomes {UUID}_REPLACED_INVALID_REQUEST_ID.", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", rhw),
	text("requestTime", "The CLF-formatted request time (dd/MMM/yyyy:HH:mm:ss +-hhmm).", "06/Mar/2025:14:05:09 +0000", rhw),
	num("requestTimeEpoch", "The Epoch-formatted request time, in ms (the HTTP API page gives no unit).", "1741269909123", rhw),
	instead(str("resourceId", "The identifier API Gateway assigns to the resource.", "x7y8z9", rest),
		map[APIType]Var{HTTP: RouteKey, WebSocket: RouteKey}),
	instead(str("resourcePath", "The path to the resource, such as /orders/{id}.", "/orders/{id}", rest),
		map[APIType]Var{HTTP: RouteKey, WebSocket: RouteKey}),
	num("responseLatency", "The response latency in ms.", "112", rh),
	num("responseLength", "The response payload length in bytes.", "1024", rh),
	num("responseOverride.status", "The response status code set by a mapping-template override.", "202", rest),
	instead(str("routeKey", "The route key of the request, such as GET /orders/{id}.", "GET /orders/{id}", hw),
		map[APIType]Var{REST: ResourcePath}),
	str("stage", "The deployment stage of the API request.", "prod", rhw),
	num("status", "The method response status.", "200", rhw),
	// tlsVersion: see cipherSuite.
	str("tlsVersion", "The TLS protocol version the client negotiated (security policies).", "TLSv1.3", rest),
	// waf.*: listed on the REST and the WebSocket pages, so not REST-only (components/AWS.md, "The $context
	// catalogue").
	text("waf.error", "The error message returned from AWS WAF.", "WAF evaluation failed", rw),
	num("waf.latency", "The AWS WAF latency in ms.", "2", rw),
	num("waf.status", "The status code returned from AWS WAF.", "200", rw),
	str("wafResponseCode", "The response received from AWS WAF: WAF_ALLOW or WAF_BLOCK.", "WAF_ALLOW", rest),
	str("webaclArn", "The ARN of the web ACL that decides whether to allow or block the request.", "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", rest),
	str("xrayTraceId", "The trace ID of the X-Ray trace.", "Root=1-67c9ab15-a1b2c3d4e5f6a7b8c9d0e1f2", rest),
}

// pattern is a parameterised variable: prefix, then one segment chosen by the user.
type pattern struct {
	prefix string // such as "authorizer.claims."
	param  string // the placeholder's name in docs, such as "property"
	desc   string
	apis   []APIType
	ex     func(param string) string
	header bool // the parameter is a header name, so it may hold hyphens
}

// patterns are checked in order; the more specific prefix comes first.
var patterns = []pattern{
	{prefix: "authorizer.claims.", param: "property", apis: rh, ex: claimExample,
		desc: "A claim of the Amazon Cognito user pool (REST) or JWT (HTTP) that authenticated the caller."},
	{prefix: "authorizer.", param: "property", apis: rhw, ex: propertyExample,
		desc: "A value of the context map returned by a Lambda authorizer."},
	{prefix: "requestOverride.header.", param: "header_name", apis: rest, ex: headerExample, header: true,
		desc: "A request header override set by a mapping template."},
	{prefix: "requestOverride.path.", param: "path_name", apis: rest, ex: propertyExample,
		desc: "A request path override set by a mapping template."},
	{prefix: "requestOverride.querystring.", param: "querystring_name", apis: rest, ex: propertyExample,
		desc: "A request query string override set by a mapping template."},
	{prefix: "responseOverride.header.", param: "header_name", apis: rest, ex: headerExample, header: true,
		desc: "A response header override set by a mapping template."},
}

func claimExample(name string) string {
	switch name {
	case "email":
		return "jane@example.com"
	case "sub":
		return "7ae9b1e2-0d3f-4b8a-9c51-2f6e8d4a1b07"
	case "username":
		return "jane"
	case "scope":
		return "orders/read"
	}
	return "claim-" + name
}

func propertyExample(name string) string { return "value-of-" + name }

func headerExample(name string) string {
	if strings.EqualFold(name, "x-forwarded-for") {
		return "198.51.100.24"
	}
	return "value-of-" + name
}

var byName = func() map[string]*entry {
	m := make(map[string]*entry, len(fixed))
	for i := range fixed {
		m[fixed[i].name] = &fixed[i]
	}
	return m
}()

func (e *entry) info() Info {
	return Info{Var: Var(contextPrefix + e.name), Description: e.desc, Example: e.ex, APIs: slices.Clone(e.apis),
		Kind: e.kind, FreeText: e.free, Newer: e.newer}
}

// matchPattern finds the pattern a name fits, or nil.
func matchPattern(name string) (*pattern, string) {
	for i := range patterns {
		p := &patterns[i]
		if param, ok := strings.CutPrefix(name, p.prefix); ok && param != "" && !strings.Contains(param, ".") {
			return p, param
		}
	}
	return nil, ""
}

// meta is what the validator and renderer need of a variable, found without allocating.
type meta struct {
	apis []APIType // shared with the catalogue: do not modify
	kind Kind
	free bool
	e    *entry   // for a fixed name
	p    *pattern // for a parameterised one
	arg  string   // the pattern's parameter
}

func (m meta) example() string {
	if m.e != nil {
		return m.e.ex
	}
	return m.p.ex(m.arg)
}

func (m meta) availableIn(api APIType) bool { return slices.Contains(m.apis, api) }

// lookup finds a name (without "$context.") in the catalogue, fixed names first.
func lookup(name string) (meta, bool) {
	if e, ok := byName[name]; ok {
		return meta{apis: e.apis, kind: e.kind, free: e.free, e: e}, true
	}
	if p, arg := matchPattern(name); p != nil {
		return meta{apis: p.apis, free: true, p: p, arg: arg}, true
	}
	return meta{}, false
}

// describe is lookup as an Info.
func describe(name string) (Info, bool) {
	m, ok := lookup(name)
	switch {
	case !ok:
		return Info{}, false
	case m.e != nil:
		return m.e.info(), true
	}
	return Info{Var: Var(contextPrefix + name), Description: m.p.desc, Example: m.example(),
		APIs: slices.Clone(m.apis), FreeText: true}, true
}

// Variables lists the catalogue for api: every fixed variable, then the parameterised patterns (Pattern set,
// Var such as "$context.authorizer.claims.{property}"). An unknown api gives nil.
func Variables(api APIType) []Info {
	var out []Info
	for i := range fixed {
		if slices.Contains(fixed[i].apis, api) {
			out = append(out, fixed[i].info())
		}
	}
	for _, p := range patterns {
		if slices.Contains(p.apis, api) {
			out = append(out, Info{Var: Var(contextPrefix + p.prefix + "{" + p.param + "}"), Description: p.desc,
				Example: p.ex(p.param), APIs: slices.Clone(p.apis), FreeText: true, Pattern: true})
		}
	}
	return out
}

// Example is the catalogue's example value for v, or "" for a variable the catalogue does not know.
func Example(v Var) string {
	m, ok := lookup(v.Name())
	if !ok {
		return ""
	}
	return m.example()
}
