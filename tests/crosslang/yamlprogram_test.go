package crosslang

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"gopkg.in/yaml.v3"
)

// yamlProgram is a Pulumi YAML program of the shape the README shows: config values and component resources
// with literal properties, ${config} values and ${resource} references. It is decoded strictly: anything
// else (variables, outputs, expressions, options) is an error, not silently skipped.
//
// It stands in for pulumi-yaml's RunTemplate, which cannot be linked here: pulumi-yaml v1.25.0, the newest
// release the module proxy serves, is built against pulumi/pkg/v3 v3.206.0 and does not compile against the
// v3.274.1 the engine tests use (schema.NewPluginLoader and plugin.NewContextWithRoot changed signatures).
type yamlProgram struct {
	Name      string                           `yaml:"name"`
	Runtime   string                           `yaml:"runtime"`
	Config    map[string]struct{ Type string } `yaml:"config"`
	Resources yaml.Node                        `yaml:"resources"`
}

// yamlResource is one entry of resources:.
type yamlResource struct {
	Name       string
	Type       string         `yaml:"type"`
	Properties map[string]any `yaml:"properties"`
}

func loadYAMLProgram(path string) (*yamlProgram, []yamlResource, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var p yamlProgram
	if err := dec.Decode(&p); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if p.Runtime != "yaml" {
		return nil, nil, fmt.Errorf("%s: runtime %q, want yaml", path, p.Runtime)
	}
	// A mapping node holds keys and values in turn, in the order written: resources refer to earlier ones.
	var resources []yamlResource
	for i := 0; i+1 < len(p.Resources.Content); i += 2 {
		r := yamlResource{Name: p.Resources.Content[i].Value}
		if err := p.Resources.Content[i+1].Decode(&r); err != nil {
			return nil, nil, fmt.Errorf("%s: resource %s: %w", path, r.Name, err)
		}
		resources = append(resources, r)
	}
	return &p, resources, nil
}

// remoteComponent is a component another language's SDK registers: only its URN is needed here.
type remoteComponent struct {
	pulumi.ResourceState
}

// run registers each resource the way every non-Go SDK does for a component package: a remote component
// registration by type token with the properties as inputs, which the engine hands to the component
// provider's Construct.
func (p *yamlProgram) run(resources []yamlResource) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		env := map[string]any{}
		cfg := config.New(ctx, "")
		for key := range p.Config {
			env[key] = pulumi.String(cfg.Require(key))
		}
		for _, r := range resources {
			inputs := pulumi.Map{}
			for k, v := range r.Properties {
				in, err := yamlValue(v, env)
				if err != nil {
					return fmt.Errorf("resource %s, property %s: %w", r.Name, k, err)
				}
				inputs[k] = in
			}
			res := &remoteComponent{}
			if err := ctx.RegisterRemoteComponentResource(r.Type, r.Name, inputs, res); err != nil {
				return err
			}
			env[r.Name] = res
		}
		return nil
	}
}

var interpolation = regexp.MustCompile(`^\$\{([A-Za-z0-9_-]+)\}$`)

// yamlValue turns a decoded YAML value into an input: literals as they are, ${name} as a config value or a
// reference to an earlier resource.
func yamlValue(v any, env map[string]any) (pulumi.Input, error) {
	switch x := v.(type) {
	case string:
		if m := interpolation.FindStringSubmatch(x); m != nil {
			switch ref := env[m[1]].(type) {
			case pulumi.Input:
				return ref, nil
			case pulumi.Resource:
				return pulumi.Any(ref), nil
			}
			return nil, fmt.Errorf("%s names no config value or earlier resource", x)
		}
		if strings.Contains(x, "${") {
			return nil, fmt.Errorf("%q: only whole-value ${name} references are supported here", x)
		}
		return pulumi.String(x), nil
	case int:
		return pulumi.Int(x), nil
	case float64:
		return pulumi.Float64(x), nil
	case bool:
		return pulumi.Bool(x), nil
	case map[string]any:
		m := pulumi.Map{}
		for k, e := range x {
			in, err := yamlValue(e, env)
			if err != nil {
				return nil, err
			}
			m[k] = in
		}
		return m, nil
	case []any:
		a := pulumi.Array{}
		for _, e := range x {
			in, err := yamlValue(e, env)
			if err != nil {
				return nil, err
			}
			a = append(a, in)
		}
		return a, nil
	}
	return nil, fmt.Errorf("value %v (%T) is not supported here", v, v)
}
