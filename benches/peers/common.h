/*
 * The driver shared by the C peers (peer_libre.c, peer_sofia.c): the same
 * command line and modes as the crate's `loops` bench (benches/loops.rs),
 * so that benches/peers/compare.py measures every engine alike.
 *
 *   peer_X run|time|setup N OFFER LOCAL
 *   peer_X print OFFER LOCAL
 *
 * run    N iterations, silent: count them with valgrind, the count per
 *        iteration being (total(N2) - total(N1)) / (N2 - N1)
 * time   N iterations after a warm-up; prints nanoseconds per iteration
 * setup  N iterations of the per-iteration state alone (the engine's
 *        session with the capability in it), no offer
 * print  the answer once
 *
 * One iteration: the engine's session built from the capability (prepared
 * once at start-up, as the crate builds its LocalCapabilities once), the
 * offer parsed, the answer generated and printed to memory, everything freed.
 * Every mode first checks one answer (v=0, as many m-lines as the offer, one
 * of them accepted) and exits 3, saying why, when the engine cannot answer.
 *
 * The engine provides:
 *   int  engine_init(const char *offer, const char *local, char *why, size_t n);
 *   int  engine_answer(char **answer, size_t *len, char *why, size_t n);
 *        (one iteration; *answer stays valid until the next call or
 *        engine_release; returns 0 on success)
 *   void engine_release(void);       frees the iteration's state
 *   void engine_setup_only(void);    builds and frees the state, no offer
 */
#ifndef PEERS_COMMON_H
#define PEERS_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int engine_init(const char *offer, const char *local, char *why, size_t n);
int engine_answer(char **answer, size_t *len, char *why, size_t n);
void engine_release(void);
void engine_setup_only(void);

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	if (!f) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		perror(path);
		exit(2);
	}
	buf[size] = '\0';
	fclose(f);
	return buf;
}

/* m= lines in sdp (first len bytes), and how many have a non-zero port. */
static void count_m_lines(const char *sdp, size_t len, int *total, int *accepted)
{
	size_t i;

	*total = *accepted = 0;
	for (i = 0; i + 2 < len; i++) {
		if ((i == 0 || sdp[i - 1] == '\n') && sdp[i] == 'm' && sdp[i + 1] == '=') {
			const char *sp = memchr(sdp + i, ' ', len - i);
			++*total;
			if (sp && sp + 2 < sdp + len && !(sp[1] == '0' && sp[2] == ' '))
				++*accepted;
		}
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: peer run|time|setup N OFFER LOCAL | peer print OFFER LOCAL\n");
	return 2;
}

static int peer_main(const char *name, int argc, char **argv)
{
	char why[512] = "";
	const char *mode;
	char *offer, *local, *answer;
	size_t len;
	long n = 1, i;
	int argi = 2, offered, accepted, answered;

	if (argc < 2)
		return usage();
	mode = argv[1];
	if (strcmp(mode, "print") != 0) {
		if (argc < 3)
			return usage();
		n = atol(argv[2]);
		argi = 3;
		if (strcmp(mode, "run") && strcmp(mode, "time") && strcmp(mode, "setup"))
			return usage();
	}
	if (argc != argi + 2)
		return usage();
	offer = read_file(argv[argi]);
	local = read_file(argv[argi + 1]);

	if (engine_init(offer, local, why, sizeof why)) {
		fprintf(stderr, "%s: capability not accepted: %s\n", name, why);
		return 3;
	}
	/* The sanity check: one answer. */
	if (engine_answer(&answer, &len, why, sizeof why)) {
		fprintf(stderr, "%s: cannot answer: %s\n", name, why);
		return 3;
	}
	count_m_lines(offer, strlen(offer), &offered, &accepted);
	count_m_lines(answer, len, &answered, &accepted);
	if (len < 3 || memcmp(answer, "v=0", 3) || answered != offered || !accepted) {
		fprintf(stderr, "%s: answer not sane: %d m-lines for %d offered, %d accepted\n",
			name, answered, offered, accepted);
		if (!strcmp(mode, "print"))
			fwrite(answer, 1, len, stdout);
		return 3;
	}
	if (!strcmp(mode, "print"))
		fwrite(answer, 1, len, stdout);
	engine_release();

	if (!strcmp(mode, "run")) {
		for (i = 0; i < n; i++) {
			if (engine_answer(&answer, &len, why, sizeof why)) {
				fprintf(stderr, "%s: iteration %ld failed: %s\n", name, i, why);
				return 1;
			}
			engine_release();
		}
	}
	else if (!strcmp(mode, "setup")) {
		for (i = 0; i < n; i++)
			engine_setup_only();
	}
	else if (!strcmp(mode, "time")) {
		struct timespec t0, t1;
		double ns;

		for (i = 0; i < (n + 9) / 10; i++) {
			engine_answer(&answer, &len, why, sizeof why);
			engine_release();
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (i = 0; i < n; i++) {
			engine_answer(&answer, &len, why, sizeof why);
			engine_release();
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec);
		printf("%.1f\n", ns / (double)(n > 0 ? n : 1));
	}
	free(offer);
	free(local);
	return 0;
}

#endif
