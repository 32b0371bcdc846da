#include "base/woff2enc.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <new>

#include <fcntl.h>
#include <unistd.h>

#include <woff2/encode.h>

namespace {

/* Debian's libwoff2enc prints "Compressed N to M." on stderr for every
 * font: that line is not Folio's to show, and the tests expect a quiet
 * build.  stderr points at /dev/null for the call.  A build makes its
 * subsets before it starts its threads, so no message of that build is
 * written meanwhile; the preview may run two builds at once, so one
 * encoding at a time swaps the descriptor, or the second would save the
 * first's /dev/null and put it back for good. */
std::mutex quiet_lock;

class QuietStderr {
public:
	QuietStderr()
	{
		std::fflush(stderr);
		saved_ = dup(STDERR_FILENO);
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (saved_ >= 0 && null >= 0)
			dup2(null, STDERR_FILENO);
		if (null >= 0)
			close(null);
	}
	~QuietStderr()
	{
		std::fflush(stderr);
		if (saved_ >= 0) {
			dup2(saved_, STDERR_FILENO);
			close(saved_);
		}
	}
	QuietStderr(const QuietStderr &) = delete;
	QuietStderr &operator=(const QuietStderr &) = delete;

private:
	int saved_;
};

}  // namespace

uint8_t *woff2enc_encode(const uint8_t *ttf, size_t len, size_t *out_len)
{
	/* No C++ exception may cross into the C caller. */
	try {
		size_t cap = woff2::MaxWOFF2CompressedSize(ttf, len);
		uint8_t *out = static_cast<uint8_t *>(std::malloc(cap ? cap : 1));
		if (out == nullptr)
			return nullptr;
		*out_len = cap;
		bool ok;
		{
			std::lock_guard<std::mutex> one_at_a_time(quiet_lock);
			QuietStderr quiet;
			ok = woff2::ConvertTTFToWOFF2(ttf, len, out, out_len);
		}
		if (!ok) {
			std::free(out);
			return nullptr;
		}
		return out;
	} catch (...) {
		return nullptr;
	}
}
