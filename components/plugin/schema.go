package plugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"iter"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The package schema's JSON form: the subset of Pulumi's package schema
// (https://www.pulumi.com/docs/iac/guides/building-extending/packages/schema/) a component package uses. The
// tests module validates the result with pkg/v3's own schema binder, which this module does not import.
type (
	packageSpec struct {
		Name        string                  `json:"name"`
		DisplayName string                  `json:"displayName"`
		Description string                  `json:"description"`
		Keywords    []string                `json:"keywords"`
		Repository  string                  `json:"repository"`
		Resources   map[string]resourceSpec `json:"resources"`
		Types       map[string]enumSpec     `json:"types"`
	}
	resourceSpec struct {
		Description     string                  `json:"description,omitempty"`
		IsComponent     bool                    `json:"isComponent"`
		InputProperties map[string]propertySpec `json:"inputProperties"`
		RequiredInputs  []string                `json:"requiredInputs,omitempty"`
		Properties      map[string]propertySpec `json:"properties"`
		Required        []string                `json:"required"`
	}
	typeSpec struct {
		Type                 string    `json:"type,omitempty"`
		Ref                  string    `json:"$ref,omitempty"`
		Items                *typeSpec `json:"items,omitempty"`
		AdditionalProperties *typeSpec `json:"additionalProperties,omitempty"`
		// Plain: the input takes a value known when the program runs, never another resource's output (the
		// Go field is a plain bool, int or string enumeration, because it changes the resource graph).
		Plain bool `json:"plain,omitempty"`
	}
	propertySpec struct {
		typeSpec
		Description string `json:"description,omitempty"`
	}
	enumSpec struct {
		Description string      `json:"description,omitempty"`
		Type        string      `json:"type"`
		Enum        []enumValue `json:"enum"`
	}
	enumValue struct {
		Value       string `json:"value"`
		Description string `json:"description,omitempty"`
	}
)

// Schema derives the package schema from the served components' Go types: for each, its Args struct's
// `pulumi:"…"` tags and field types are the inputs (StringInput → string, IntInput → integer,
// StringMapInput → map of string, plain bool and int → plain boolean and integer, a string enumeration → a
// plain enum type, a *LogGroup or *Account → a reference to that component), and the component struct's
// tagged Output fields are the outputs. src holds the Go source of package apigwlogs (its directory): it
// gives the descriptions (the doc comments) and the values of each string enumeration (its constants).
//
// Schema fails when apigwlogs has a component constructor the provider does not serve, or a field of a type
// it cannot map, so neither can be added without the schema following.
func Schema(src fs.FS) ([]byte, error) {
	d, err := readDocs(src)
	if err != nil {
		return nil, fmt.Errorf("reading the apigwlogs sources: %w", err)
	}
	if missing := d.unserved(); len(missing) > 0 {
		return nil, fmt.Errorf("apigwlogs has components the provider does not serve: %s; add them to the table in "+
			"components/plugin/construct.go", strings.Join(missing, ", "))
	}
	spec := packageSpec{
		Name:        Package,
		DisplayName: "API Gateway access logs",
		Description: "Amazon API Gateway access logging: the log group, the CloudWatch role, the regional account " +
			"setting and the stage, created in the order AWS requires.",
		Keywords:   []string{"aws", "apigateway", "logging", "category/monitoring", "kind/component"},
		Repository: "https://github.com/apigw-access-logs/apigw-access-logs",
		Resources:  map[string]resourceSpec{},
		Types:      map[string]enumSpec{},
	}
	s := &schemaBuilder{docs: d, types: spec.Types}
	for _, c := range components {
		r, err := s.resource(c)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.token, err)
		}
		spec.Resources[c.token] = r
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false) // descriptions hold <project>/<stack>
	enc.SetIndent("", "  ")
	if err := enc.Encode(spec); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

type schemaBuilder struct {
	docs  *docs
	types map[string]enumSpec
}

func (s *schemaBuilder) resource(c component) (resourceSpec, error) {
	r := resourceSpec{
		Description:     s.docs.describe(c.resource.Name(), ""),
		IsComponent:     true,
		InputProperties: map[string]propertySpec{},
		RequiredInputs:  c.required,
		Properties:      map[string]propertySpec{},
	}
	for f := range taggedFields(c.args) {
		t, err := s.input(f.Type)
		if err != nil {
			return r, fmt.Errorf("input %s (%s.%s): %w", f.name, c.args.Name(), f.Name, err)
		}
		r.InputProperties[f.name] = propertySpec{typeSpec: t, Description: s.docs.describe(f.owner, f.Name)}
	}
	for _, name := range c.required {
		if _, ok := r.InputProperties[name]; !ok {
			return r, fmt.Errorf("required input %s is not an input of %s", name, c.args.Name())
		}
	}
	for f := range taggedFields(c.resource) {
		if !f.Type.Implements(reflect.TypeFor[pulumi.Output]()) {
			continue
		}
		t, err := element(reflect.Zero(f.Type).Interface().(pulumi.Output).ElementType())
		if err != nil {
			return r, fmt.Errorf("output %s (%s.%s): %w", f.name, c.resource.Name(), f.Name, err)
		}
		r.Properties[f.name] = propertySpec{typeSpec: t, Description: s.docs.describe(f.owner, f.Name)}
		r.Required = append(r.Required, f.name) // every output is set once the component is constructed
	}
	slices.Sort(r.Required)
	return r, nil
}

// input maps an Args field's type to its schema type.
func (s *schemaBuilder) input(t reflect.Type) (typeSpec, error) {
	switch {
	case t.Kind() == reflect.Interface && t.Implements(reflect.TypeFor[pulumi.Input]()):
		// StringInput and the like: the element type of the Output its To…Output method returns.
		m, ok := t.MethodByName("To" + strings.TrimSuffix(t.Name(), "Input") + "Output")
		if !ok || m.Type.NumOut() != 1 || !m.Type.Out(0).Implements(reflect.TypeFor[pulumi.Output]()) {
			return typeSpec{}, fmt.Errorf("input type %s has no To…Output method", t)
		}
		return element(reflect.Zero(m.Type.Out(0)).Interface().(pulumi.Output).ElementType())
	case t.Kind() == reflect.Pointer && t.Implements(reflect.TypeFor[pulumi.ComponentResource]()):
		for _, c := range components {
			if c.resource == t.Elem() {
				return typeSpec{Ref: "#/resources/" + c.token}, nil
			}
		}
		return typeSpec{}, fmt.Errorf("component %s is not served by the provider", t.Elem().Name())
	case t.Kind() == reflect.String && t.PkgPath() != "":
		return s.enum(t)
	}
	spec, err := element(t)
	spec.Plain = true
	return spec, err
}

// enum records a string enumeration among the schema's types and returns a reference to it.
func (s *schemaBuilder) enum(t reflect.Type) (typeSpec, error) {
	token := Package + ":index:" + t.Name()
	if _, ok := s.types[token]; !ok {
		values := s.docs.enums[t.Name()]
		if len(values) == 0 {
			return typeSpec{}, fmt.Errorf("string type %s has no constants in the apigwlogs sources", t.Name())
		}
		for i, v := range values {
			values[i].Description = s.docs.rename("", v.Description)
		}
		s.types[token] = enumSpec{Description: s.docs.describe(t.Name(), ""), Type: "string", Enum: values}
	}
	return typeSpec{Ref: "#/types/" + token, Plain: true}, nil
}

// element maps a value type (an Output's element type, or a plain field's type) to its schema type.
func element(t reflect.Type) (typeSpec, error) {
	switch t.Kind() {
	case reflect.String:
		return typeSpec{Type: "string"}, nil
	case reflect.Bool:
		return typeSpec{Type: "boolean"}, nil
	case reflect.Int, reflect.Int32, reflect.Int64:
		return typeSpec{Type: "integer"}, nil
	case reflect.Float64:
		return typeSpec{Type: "number"}, nil
	case reflect.Slice:
		items, err := element(t.Elem())
		return typeSpec{Type: "array", Items: &items}, err
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return typeSpec{}, fmt.Errorf("map key type %s is not a string", t.Key())
		}
		values, err := element(t.Elem())
		return typeSpec{Type: "object", AdditionalProperties: &values}, err
	}
	return typeSpec{}, fmt.Errorf("type %s has no schema mapping", t)
}

// field is a struct field with its `pulumi:"…"` name and the struct type that declares it (the embedded
// struct for a promoted field).
type field struct {
	reflect.StructField
	name, owner string
}

// taggedFields yields the exported fields of struct type t that have a `pulumi:"…"` tag, in declaration order,
// with the fields of embedded structs (such as apigwlogs.ExecutionLogArgs) promoted in their place.
func taggedFields(t reflect.Type) iter.Seq[field] {
	return func(yield func(field) bool) {
		for _, f := range reflect.VisibleFields(t) {
			name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
			if name == "" || !f.IsExported() || f.Anonymous {
				continue
			}
			owner := t
			if len(f.Index) > 1 {
				owner = t.FieldByIndex(f.Index[:len(f.Index)-1]).Type
			}
			if !yield(field{f, name, owner.Name()}) {
				return
			}
		}
	}
}

// docs is what the apigwlogs sources say: doc comments of types and fields, the constants of each string
// type, and which types are components (a struct embedding pulumi.ResourceState, with a New… constructor).
type docs struct {
	types  map[string]string
	fields map[string]map[string]string
	// names are the schema names of Go names a description may mention: each struct's fields (by their
	// `pulumi:"…"` tags) and the string constants (by their values).
	names      map[string]map[string]string
	consts     map[string]string
	enums      map[string][]enumValue
	components []string
}

// readDocs reads the sources of the packages whose types the schema uses: apigwlogs (the components and their
// enumerations) and accesslog (the API type). src is the components directory.
func readDocs(src fs.FS) (*docs, error) {
	d := &docs{types: map[string]string{}, fields: map[string]map[string]string{},
		names: map[string]map[string]string{}, consts: map[string]string{}, enums: map[string][]enumValue{}}
	for _, pkg := range []string{"apigwlogs", "accesslog"} {
		if err := d.read(src, pkg); err != nil {
			return nil, fmt.Errorf("%s: %w", pkg, err)
		}
	}
	return d, nil
}

func (d *docs) read(src fs.FS, pkg string) error {
	fset := token.NewFileSet()
	var files []*ast.File
	names, err := fs.Glob(src, pkg+"/*.go")
	if err != nil {
		return err
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := fs.ReadFile(src, name)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, name, data, parser.ParseComments)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return errors.New("no Go files")
	}
	p, err := doc.NewFromFiles(fset, files, "github.com/apigw-access-logs/apigw-access-logs/components/"+pkg)
	if err != nil {
		return err
	}
	for _, t := range p.Types {
		d.types[t.Name] = t.Doc
		for _, spec := range t.Decl.Specs {
			if st, ok := spec.(*ast.TypeSpec).Type.(*ast.StructType); ok {
				d.fields[t.Name], d.names[t.Name] = fieldDocs(st)
				if embedsResourceState(st) && slices.ContainsFunc(t.Funcs, func(f *doc.Func) bool { return f.Name == "New"+t.Name }) {
					d.components = append(d.components, t.Name)
				}
			}
		}
		for _, v := range t.Consts {
			d.enums[t.Name] = append(d.enums[t.Name], constants(v.Decl, t.Name, d.consts)...)
		}
	}
	return nil
}

// fieldDocs returns the doc comment and the `pulumi:"…"` name of each named field of a struct.
func fieldDocs(st *ast.StructType) (texts, names map[string]string) {
	texts, names = map[string]string{}, map[string]string{}
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			texts[n.Name] = f.Doc.Text()
			if f.Tag == nil {
				continue
			}
			tag, err := strconv.Unquote(f.Tag.Value)
			if name, _, _ := strings.Cut(reflect.StructTag(tag).Get("pulumi"), ","); err == nil && name != "" {
				names[n.Name] = name
			}
		}
	}
	return texts, names
}

// embedsResourceState reports whether a struct embeds pulumi.ResourceState, as every component does.
func embedsResourceState(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if sel, ok := f.Type.(*ast.SelectorExpr); ok && len(f.Names) == 0 && sel.Sel.Name == "ResourceState" {
			return true
		}
	}
	return false
}

// constants returns the string constants of type typ in a const declaration, with their doc comments, and
// records their values by name in values.
func constants(decl *ast.GenDecl, typ string, values map[string]string) []enumValue {
	var out []enumValue
	for _, spec := range decl.Specs {
		vs := spec.(*ast.ValueSpec)
		if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != typ {
			continue
		}
		for i := range vs.Names {
			lit, ok := vs.Values[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				continue
			}
			value, err := strconv.Unquote(lit.Value)
			if err != nil {
				continue
			}
			values[vs.Names[i].Name] = value
			out = append(out, enumValue{Value: value, Description: prose(vs.Doc.Text())})
		}
	}
	return out
}

// unserved returns the components with a constructor that the provider does not serve.
func (d *docs) unserved() []string {
	var out []string
	for _, name := range d.components {
		if !slices.ContainsFunc(components, func(c component) bool { return c.resource.Name() == name }) {
			out = append(out, "New"+name)
		}
	}
	return out
}

var docLink = regexp.MustCompile(`\[([A-Za-z_][\w.]*)\]`)

// describe turns the doc comment of a type (field "") or of one of its fields into a schema description: a
// leading "<GoName> is …" becomes "…", the struct's Go field names become their schema names, string
// constants their values (AccountAuto → auto), and doc links ([LogGroup]) plain names.
func (d *docs) describe(typ, goField string) string {
	text, goName := d.types[typ], typ
	if goField != "" {
		text, goName = d.fields[typ][goField], goField
	}
	text = prose(text)
	for _, verb := range []string{" is ", " are "} {
		if rest, ok := strings.CutPrefix(text, goName+verb); ok && rest != "" {
			r := []rune(rest)
			text = string(unicode.ToUpper(r[0])) + string(r[1:])
			break
		}
	}
	return d.rename(typ, text)
}

// rename replaces, in a description, the Go field names of struct typ with their schema names and the string
// constants with their values.
func (d *docs) rename(typ, text string) string {
	return goIdent.ReplaceAllStringFunc(text, func(word string) string {
		if name, ok := d.names[typ][word]; ok && strings.ToUpper(word) != word { // not ARN, the acronym
			return name
		}
		if value, ok := d.consts[word]; ok {
			return value
		}
		return word
	})
}

var goIdent = regexp.MustCompile(`\b[A-Z][A-Za-z0-9]*\b`)

// prose joins a doc comment's wrapped lines into paragraphs and drops doc-link brackets.
func prose(text string) string {
	paragraphs := strings.Split(strings.TrimSpace(text), "\n\n")
	for i, p := range paragraphs {
		paragraphs[i] = strings.Join(strings.Fields(p), " ")
	}
	return docLink.ReplaceAllString(strings.Join(paragraphs, "\n\n"), "$1")
}
