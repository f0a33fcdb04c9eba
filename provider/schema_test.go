package main

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// servedSchema returns the schema the provider serves.
func servedSchema(t *testing.T) schema.PackageSpec {
	t.Helper()
	prov, err := newProvider()
	require.NoError(t, err)
	spec, err := p.GetSchema(context.Background(), Package, "1.2.3", prov)
	require.NoError(t, err)
	return spec
}

// description is one description of the schema, with where it is.
type description struct{ where, text string }

// descriptions returns every description of the schema: resources, inputs, outputs, types and enum values.
func descriptions(spec schema.PackageSpec) []description {
	var out []description
	for token, r := range spec.Resources {
		out = append(out, description{token, r.Description})
		for name, p := range r.InputProperties {
			out = append(out, description{token + " input " + name, p.Description})
		}
		for name, p := range r.Properties {
			out = append(out, description{token + " output " + name, p.Description})
		}
	}
	for token, typ := range spec.Types {
		out = append(out, description{token, typ.Description})
		for _, e := range typ.Enum {
			out = append(out, description{token + " value " + e.Value.(string), e.Description})
		}
	}
	return out
}

// Every resource, input, output, enumeration and enumeration value has a description, so every SDK documents
// it.
func TestEverythingIsDescribed(t *testing.T) {
	t.Parallel()
	spec := servedSchema(t)
	require.NotEmpty(t, spec.Resources)
	for _, d := range descriptions(spec) {
		assert.NotEmpty(t, d.text, "%s has no description", d.where)
	}
}

// goPackages parses the Go files (not tests) of each package directory under dir, by package name.
func goPackages(t *testing.T, dir string) map[string][]*ast.File {
	t.Helper()
	out := map[string][]*ast.File{}
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*.go"))
	require.NoError(t, err)
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		require.NoError(t, err)
		out[f.Name.Name] = append(out[f.Name.Name], f)
	}
	require.NotEmpty(t, out)
	return out
}

// goNames are what the components' Go packages declare: their package names, their exported top-level
// names, and the exported fields and methods whose names are Go's own (several words run together, as
// RestAPIID or DeleteLogsOnDestroy; a single word such as Tags is also plain English).
type goNames struct {
	packages map[string]bool
	names    map[string]bool
}

func readGoNames(t *testing.T, dir string) goNames {
	t.Helper()
	g := goNames{packages: map[string]bool{}, names: map[string]bool{}}
	for name, files := range goPackages(t, dir) {
		g.packages[name] = true
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.File:
					for _, d := range n.Decls {
						g.addDecl(d)
					}
				case *ast.Field:
					for _, id := range n.Names {
						if id.IsExported() && multiWord.MatchString(id.Name) {
							g.names[id.Name] = true
						}
					}
				}
				return true
			})
		}
	}
	require.True(t, g.names["DefaultLogGroupName"], "the components' Go names were read")
	return g
}

func (g goNames) addDecl(d ast.Decl) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Name.IsExported() && (d.Recv == nil || multiWord.MatchString(d.Name.Name)) {
			g.names[d.Name.Name] = true
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				if s.Name.IsExported() {
					g.names[s.Name.Name] = true
				}
			case *ast.ValueSpec:
				for _, id := range s.Names {
					if id.IsExported() {
						g.names[id.Name] = true
					}
				}
			}
		}
	}
}

var (
	multiWord = regexp.MustCompile(`[a-z0-9][A-Z]|[A-Z]{2}[a-z]`)
	word      = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	call      = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_.]*\([^)]*\)`)
	acronym   = regexp.MustCompile(`^[A-Z]+s?$`)
	qualified = regexp.MustCompile(`\b([a-z][a-z0-9]*)\.([A-Za-z_][A-Za-z0-9_]*)`)
)

// No description speaks Go to another language's programmer: no name qualified by one of the components'
// packages (accesslog.PresetNames) or by a package they import (pulumi.Aliases), no Go call
// (DefaultLogGroupName(ctx, name)), and no name of a Go declaration that the SDKs do not have
// (RetentionValues, StageArgs, RestAPIID). The schema's own names are fine (LogGroup, ExecutionLogging), and
// so are the enumerations' values, also as the Go constants that spell them (REST for rest), and acronyms,
// which are English before they are Go (JSON, APIs).
func TestDescriptionsSpeakNoGo(t *testing.T) {
	t.Parallel()
	spec := servedSchema(t)
	g := readGoNames(t, "../components")
	imported := map[string]bool{"pulumi": true, "apigateway": true, "apigatewayv2": true, "cloudwatch": true,
		"iam": true, "kms": true, "sns": true, "ctx": true}
	schemaNames := map[string]bool{}
	for token := range spec.Resources {
		schemaNames[token[strings.LastIndex(token, ":")+1:]] = true
	}
	for token, typ := range spec.Types {
		schemaNames[token[strings.LastIndex(token, ":")+1:]] = true
		for _, e := range typ.Enum {
			schemaNames[strings.ToLower(e.Value.(string))] = true
		}
	}
	for _, d := range descriptions(spec) {
		for _, m := range qualified.FindAllStringSubmatch(d.text, -1) {
			own, other := g.packages[m[1]], imported[m[1]] && m[2][0] >= 'A' && m[2][0] <= 'Z'
			assert.False(t, own || other, "%s: %q is a Go name: %s", d.where, m[0], d.text)
		}
		for _, c := range call.FindAllString(d.text, -1) {
			assert.Fail(t, "a Go call", "%s: %q: %s", d.where, c, d.text)
		}
		for _, w := range word.FindAllString(d.text, -1) {
			if g.names[w] && !schemaNames[w] && !schemaNames[strings.ToLower(w)] && !acronym.MatchString(w) {
				assert.Fail(t, "a Go name", "%s: %q is declared in Go, not in the schema: %s", d.where, w, d.text)
			}
		}
	}
}

// The descriptions name inputs and outputs as the schema does: a camelCase word in a description is a
// property of some resource, so a renamed input leaves no stale name behind.
func TestDescriptionsNameRealProperties(t *testing.T) {
	t.Parallel()
	spec := servedSchema(t)
	properties := map[string]bool{}
	for _, r := range spec.Resources {
		for name := range r.InputProperties {
			properties[name] = true
		}
		for name := range r.Properties {
			properties[name] = true
		}
	}
	camel := regexp.MustCompile(`(^|[^$.\w])([a-z]+[A-Z][A-Za-z0-9]*)`)
	for _, d := range descriptions(spec) {
		for _, m := range camel.FindAllStringSubmatch(d.text, -1) {
			assert.True(t, properties[m[2]], "%s names %s, which is no input or output: %s", d.where, m[2], d.text)
		}
	}
}

// Every input of a Go enumeration type is a plain reference to its schema enumeration, whose values are that
// Go type's constants, read from the components' sources: a constant added in Go without its value in
// enums.go fails here.
func TestEnumerationsStayEnums(t *testing.T) {
	t.Parallel()
	spec := servedSchema(t)
	constants := goConstants(t, "../components")
	for _, s := range components {
		token, err := tokenIn(spec.Name, s.InferredComponent)
		require.NoError(t, err)
		for _, f := range reflect.VisibleFields(s.args) {
			if f.Type.Kind() != reflect.String || f.Type.PkgPath() == "" {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
			prop := spec.Resources[token].InputProperties[name]
			enumToken := spec.Name + ":index:" + f.Type.Name()
			assert.Equal(t, schema.TypeSpec{Ref: "#/types/" + enumToken, Plain: true}, prop.TypeSpec, "%s input %s", token, name)
			var values []string
			for _, e := range spec.Types[enumToken].Enum {
				values = append(values, e.Value.(string))
			}
			want := constants[filepath.Base(f.Type.PkgPath())+"."+f.Type.Name()]
			slices.Sort(values)
			slices.Sort(want)
			assert.Equal(t, want, values, "the values of %s are the constants of %s", enumToken, f.Type)
		}
	}
}

// goConstants returns the string constants of each named type declared in the packages under dir, by
// "<package>.<type>".
func goConstants(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for name, files := range goPackages(t, dir) {
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				vs, ok := n.(*ast.ValueSpec)
				if !ok || vs.Type == nil {
					return true
				}
				typ, ok := vs.Type.(*ast.Ident)
				for i := range vs.Values {
					lit, isLit := vs.Values[i].(*ast.BasicLit)
					if !ok || !isLit || lit.Kind != token.STRING {
						continue
					}
					v, err := strconv.Unquote(lit.Value)
					require.NoError(t, err)
					out[name+"."+typ.Name] = append(out[name+"."+typ.Name], v)
				}
				return true
			})
		}
	}
	return out
}

// A release tree sets a release version, never a pre-release; the version of a build follows the order
// schemaVersion documents.
func TestVersion(t *testing.T) {
	t.Parallel()
	if version != "" {
		require.NotContains(t, version, "-", "the tree's release version is a release")
	}
	info := func(v string) *debug.BuildInfo { return &debug.BuildInfo{Main: debug.Module{Version: v}} }
	for _, c := range []struct {
		name, set string
		info      *debug.BuildInfo
		want      string
	}{
		{"the tree's release", "1.2.3", info("v0.0.0-20251204201700-67d0557abcde"), "1.2.3"},
		{"a clone of the tag provider/v1.2.3", "", info("v1.2.3"), "1.2.3"},
		{"a checkout off a tag", "", info("v0.0.0-20251204201700-67d0557abcde+dirty"), "0.0.0-20251204201700-67d0557abcde+dirty"},
		{"no version control information", "", info("(devel)"), developmentVersion},
		{"no build information", "", nil, developmentVersion},
	} {
		assert.Equal(t, c.want, schemaVersion(c.set, c.info), c.name)
	}
}

// Inputs and outputs are direct fields of the served types. infer derives the schema through embedded
// structs (reflect.VisibleFields), but the Go SDK it constructs with copies a program's inputs into the
// Args' own tagged fields only (ConstructInputs.CopyTo), and returns the component's own tagged fields as its
// outputs: an input of an embedded struct would be in every SDK and silently never reach the constructor.
func TestNoEmbeddedInputsOrOutputs(t *testing.T) {
	t.Parallel()
	for _, s := range components {
		for _, typ := range []reflect.Type{s.args, s.component} {
			for _, f := range reflect.VisibleFields(typ) {
				if len(f.Index) > 1 && f.IsExported() && f.Tag.Get("pulumi") != "" {
					assert.Fail(t, "an embedded input or output", "%s.%s is a field of an embedded struct: "+
						"the provider would not copy it (see the test's comment)", typ, f.Name)
				}
			}
		}
	}
}

// A component passed by reference arrives as the Go type its Args field holds, under its served token.
func TestReferencedComponents(t *testing.T) {
	t.Parallel()
	refs, err := newReferenced(components)
	require.NoError(t, err)
	want := map[string]reflect.Type{}
	for _, s := range components {
		for _, f := range reflect.VisibleFields(s.args) {
			if f.Type.Kind() == reflect.Pointer && strings.HasPrefix(f.Tag.Get("provider"), "type=") {
				want[Package+":"+strings.TrimPrefix(f.Tag.Get("provider"), "type=")] = f.Type.Elem()
			}
		}
	}
	assert.NotEmpty(t, want)
	assert.Equal(t, want, map[string]reflect.Type(refs))
}
