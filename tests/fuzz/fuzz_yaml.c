/* YAML to model: the first byte picks the kind of content file (site.yaml,
 * resource.yaml, a pattern or a question), the rest is its text; it goes
 * through libyaml, the positioned tree, the schema tables and the checks
 * of references, exactly as load_site() reads that file. */
#include "fuzz.h"
#include "content/load.h"
#include "content/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	enum load_kind kind = (enum load_kind)(data[0] % 4);
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_text(kind, (const char *)data + 1, size - 1, &d);
	/* A site comes back exactly when nothing was wrong. */
	if ((site == NULL) != (d.errors > 0))
		__builtin_trap();
	model_free(site);
	diag_free(&d);
	return 0;
}
