# bench/gen-readers.awk: large transcripts for bench/segment-readers.sh,
# each in its writer's layout (as tests/fixtures/segment/json/ holds
# small ones), on standard output.
#
#   awk -v kind=KIND -v mb=MB -v seed=SEED [-v aux=FILE] [-v dir=DIR] \
#       -f bench/gen-readers.awk
#
# KIND: vtt (Zoom-like, <v Name>), srt, aws (results.items[], string
# times, punctuation items), assemblyai (words[], ms, letters), azure
# (recognizedPhrases[], ticks and PT...S), google (results[], and the
# last result repeating every word with speakerTag, written through
# AUX), whisper-cpp-json (transcription[], tab-indented), whisper-tsv
# (integer ms, header; its RTTM turns written to AUX), whisper-cpp-csv
# (-di: a speaker column, quoted text), vttdir (files of about 100 KiB
# into DIR, for the archives).  The sizes are of the main output, MiB.
function out(s) { printf "%s", s; bytes += length(s) }
function hms(t, sep,   ms) {
	ms = int(t * 1000 + 0.5)
	return sprintf("%02d:%02d:%02d%s%03d", int(ms / 3600000), int(ms / 60000) % 60,
	    int(ms / 1000) % 60, sep, ms % 1000)
}
# utter(): the next utterance: W[1..NW] words, T0..T1, speaker SPK;
# WS[i], WE[i] the word times.
function utter(   i, d) {
	if (rand() < 0.4) spk = (spk + 1) % 3
	NW = 6 + int(rand() * 14); T0 = t
	for (i = 1; i <= NW; i++) {
		W[i] = v[1 + int(rand() * nv)]
		d = 0.15 + rand() * 0.4
		WS[i] = t; WE[i] = t + d; t += d + 0.05
	}
	T1 = WE[NW]; t += 0.3 + rand()
	TXT = W[1]
	for (i = 2; i <= NW; i++) TXT = TXT " " W[i]
	TXT = toupper(substr(TXT, 1, 1)) substr(TXT, 2) "."
	U++
}
BEGIN {
	srand(seed)
	nv = split("so we had a long day at the clinic and I think that the " \
	    "nurses were really tired but you know it was fine in the end " \
	    "because everyone helped out with 2019 patients okay", v, " ")
	split("Ana Lima|Daniel Okafor|Priya Raman", name, "|")
	split("A B C", letter, " ")
	lim = mb * 1048576; t = 0; spk = 0; bytes = 0; U = 0; id = 0
	if (kind == "vtt") {
		out("WEBVTT\n\n")
		while (bytes < lim) {
			utter()
			out(sprintf("%d\n%s --> %s\n<v %s>%s\n\n", U, hms(T0, "."), hms(T1, "."), name[spk + 1], TXT))
		}
	} else if (kind == "vttdir") {
		f = 0
		while (bytes < lim) {
			file = sprintf("%s/interview-%04d.vtt", dir, ++f)
			printf "WEBVTT\n\n" >file; fb = 8; U = 0; t = 0
			while (fb < 102400) {
				utter()
				s = sprintf("%d\n%s --> %s\n<v %s>%s\n\n", U, hms(T0, "."), hms(T1, "."), name[spk + 1], TXT)
				printf "%s", s >file; fb += length(s)
			}
			close(file); bytes += fb
		}
	} else if (kind == "srt") {
		while (bytes < lim) {
			utter()
			out(sprintf("%d\n%s --> %s\n%s\n\n", U, hms(T0, ","), hms(T1, ","), TXT))
		}
	} else if (kind == "aws") {
		out("{\"jobName\":\"bench\",\"accountId\":\"123456789012\",\"status\":\"COMPLETED\",\"results\":{\"transcripts\":[{\"transcript\":\"\"}],\"items\":[")
		while (bytes < lim) {
			utter()
			for (i = 1; i <= NW; i++)
				out(sprintf("%s{\"id\":%d,\"type\":\"pronunciation\",\"alternatives\":[{\"confidence\":\"0.998\",\"content\":\"%s\"}],\"start_time\":\"%.3f\",\"end_time\":\"%.3f\",\"speaker_label\":\"spk_%d\"}",
				    id ? "," : "", id++, W[i], WS[i], WE[i], spk))
			out(sprintf(",{\"id\":%d,\"type\":\"punctuation\",\"alternatives\":[{\"confidence\":\"0.0\",\"content\":\".\"}],\"speaker_label\":\"spk_%d\"}", id++, spk))
		}
		out("]}}\n")
	} else if (kind == "assemblyai") {
		out("{\n    \"id\": \"bench\",\n    \"status\": \"completed\",\n    \"text\": \"\",\n    \"words\": [")
		while (bytes < lim) {
			utter()
			for (i = 1; i <= NW; i++)
				out(sprintf("%s\n        {\n            \"text\": \"%s%s\",\n            \"start\": %d,\n            \"end\": %d,\n            \"confidence\": 0.98,\n            \"speaker\": \"%s\"\n        }",
				    id++ ? "," : "", W[i], i == NW ? "." : "", WS[i] * 1000, WE[i] * 1000, letter[spk + 1]))
		}
		out("\n    ]\n}\n")
	} else if (kind == "azure") {
		out("{\n  \"source\": \"https://example.blob.core.windows.net/audio/bench.wav\",\n  \"timestamp\": \"2025-02-11T09:31:00Z\",\n  \"recognizedPhrases\": [")
		while (bytes < lim) {
			utter()
			out(sprintf("%s\n    {\n      \"recognitionStatus\": \"Success\",\n      \"channel\": 0,\n      \"speaker\": %d,\n      \"offset\": \"PT%.2fS\",\n      \"duration\": \"PT%.2fS\",\n      \"offsetInTicks\": %d,\n      \"durationInTicks\": %d,\n      \"nBest\": [\n        {\n          \"confidence\": 0.93,\n          \"lexical\": \"%s\",\n          \"itn\": \"%s\",\n          \"maskedITN\": \"%s\",\n          \"display\": \"%s\"\n        }\n      ]\n    }",
			    U > 1 ? "," : "", spk + 1, T0, T1 - T0, T0 * 10000000, (T1 - T0) * 10000000, tolower(TXT), tolower(TXT), tolower(TXT), TXT))
		}
		out("\n  ]\n}\n")
	} else if (kind == "google") {
		out("{\n  \"results\": [")
		while (bytes < lim) {
			utter()
			out(sprintf("%s\n    {\n      \"alternatives\": [\n        {\n          \"transcript\": \"%s\",\n          \"confidence\": 0.95,\n          \"words\": [", U > 1 ? "," : "", TXT))
			for (i = 1; i <= NW; i++) {
				w = sprintf("\n            {\n              \"startTime\": \"%.3fs\",\n              \"endTime\": \"%.3fs\",\n              \"word\": \"%s\"", WS[i], WE[i], W[i])
				out(sprintf("%s%s\n            }", i > 1 ? "," : "", w))
				printf "%s%s,\n              \"speakerTag\": %d\n            }", id++ ? "," : "", w, spk + 1 >aux
			}
			out(sprintf("\n          ]\n        }\n      ],\n      \"resultEndTime\": \"%.3fs\",\n      \"languageCode\": \"en-us\"\n    }", T1))
		}
		close(aux)
		out(",\n    {\n      \"alternatives\": [\n        {\n          \"words\": [")
		while ((getline l <aux) > 0) print l
		out("\n          ]\n        }\n      ],\n      \"languageCode\": \"en-us\"\n    }\n  ]\n}\n")
	} else if (kind == "whisper-cpp-json") {
		out("{\n\t\"systeminfo\": \"AVX = 1 | AVX2 = 1\",\n\t\"model\": {\n\t\t\"type\": \"base\"\n\t},\n\t\"params\": {\n\t\t\"model\": \"models/ggml-base.bin\",\n\t\t\"language\": \"en\",\n\t\t\"translate\": false\n\t},\n\t\"result\": {\n\t\t\"language\": \"en\"\n\t},\n\t\"transcription\": [")
		while (bytes < lim) {
			utter()
			out(sprintf("%s\n\t\t{\n\t\t\t\"timestamps\": {\n\t\t\t\t\"from\": \"%s\",\n\t\t\t\t\"to\": \"%s\"\n\t\t\t},\n\t\t\t\"offsets\": {\n\t\t\t\t\"from\": %d,\n\t\t\t\t\"to\": %d\n\t\t\t},\n\t\t\t\"text\": \" %s\",\n\t\t\t\"speaker\": \"%d\"\n\t\t}",
			    U > 1 ? "," : "", hms(T0, ","), hms(T1, ","), T0 * 1000, T1 * 1000, TXT, spk))
		}
		out("\n\t]\n}\n")
	} else if (kind == "whisper-tsv") {
		out("start\tend\ttext\n")
		while (bytes < lim) {
			utter()
			out(sprintf("%d\t%d\t%s\n", T0 * 1000, T1 * 1000, TXT))
			printf "SPEAKER bench 1 %.3f %.3f <NA> <NA> SPEAKER_%02d <NA> <NA>\n", T0, T1 - T0 + 0.2, spk >aux
		}
	} else if (kind == "whisper-cpp-csv") {
		out("start,end,speaker,text\n")
		while (bytes < lim) {
			utter()
			if (rand() < 0.1) TXT = "I said \"\"no\"\", " TXT
			out(sprintf("%d,%d,%d,\" %s\"\n", T0 * 1000, T1 * 1000, spk, TXT))
		}
	} else {
		print "gen-readers.awk: unknown kind " kind >"/dev/stderr"
		exit 2
	}
}
