/* A feature-test macro must come before every header: pipe2. */
#define _GNU_SOURCE // NOLINT(bugprone-reserved-identifier)
#include "base/interrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* A handler may only touch lock-free atomics and volatile sig_atomic_t. */
_Static_assert(ATOMIC_BOOL_LOCK_FREE == 2, "the cancel flag must be lock-free to be set from a signal handler");

static const int caught_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define NSIGNALS (sizeof caught_signals / sizeof caught_signals[0])

static atomic_bool asked;
static volatile sig_atomic_t caught;
static int wake[2] = {-1, -1};          /* the pipe behind interrupt_fd() */
static const char *volatile exit_line;  /* interrupt_exit_at_once's */

/* Every signal back to its default action: the next one kills. */
static void default_actions(void)
{
	for (size_t i = 0; i < NSIGNALS; i++)
		signal(caught_signals[i], SIG_DFL);
}

/* Only async-signal-safe calls here (signal, write, _exit). */
static void on_signal(int sig)
{
	int saved = errno;
	if (caught == 0)
		caught = sig;
	atomic_store(&asked, true);
	default_actions();
	if (exit_line) {
		ssize_t n = write(STDERR_FILENO, exit_line, strlen(exit_line));
		(void)n;
		_exit(128 + sig);
	}
	if (wake[1] >= 0) {
		char byte = 0;
		ssize_t n = write(wake[1], &byte, 1);
		(void)n;   /* a full pipe is readable already */
	}
	errno = saved;
}

static bool install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaddset(&sa.sa_mask, caught_signals[i]);
	/* System calls of other threads (the server's) go on after it. */
	sa.sa_flags = SA_RESTART;
	bool ok = true;
	for (size_t i = 0; i < NSIGNALS; i++)
		ok = sigaction(caught_signals[i], &sa, NULL) == 0 && ok;
	return ok;
}

bool interrupt_catch(void)
{
	if (wake[0] < 0 && pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0)
		return false;
	return install();
}

const atomic_bool *interrupt_flag(void)
{
	return &asked;
}

int interrupt_status(void)
{
	return 128 + caught;
}

const char *interrupt_name(void)
{
	return caught == SIGINT ? "SIGINT" : caught == SIGTERM ? "SIGTERM" : caught == SIGHUP ? "SIGHUP" : "no signal";
}

int interrupt_fd(void)
{
	return wake[0];
}

void interrupt_exit_at_once(const char *line)
{
	exit_line = line;
	install();
}
