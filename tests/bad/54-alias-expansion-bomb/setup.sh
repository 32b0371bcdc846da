# The "billion laughs": each level repeats the one before ten times.
cat >> content/resources/demo/resource.yaml <<'YAML'
lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
lol4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
lol5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
lol6: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
lol7: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
lol8: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
lol9: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
YAML
