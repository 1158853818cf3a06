/*
 * bcryptprimitives.dll for Wine 8, a test fixture (never shipped): Go 1.22
 * and later get their random bytes from ProcessPrng in bcryptprimitives.dll,
 * which Windows 10 and later have and Wine 8 lacks, so every Go program
 * stops at start with "bcryptprimitives.dll not found". This DLL exports
 * ProcessPrng over RtlGenRandom (advapi32's SystemFunction036), which Wine
 * has. scripts/wine/run-tests.sh builds it with MinGW and puts it in the
 * temporary Wine prefix's system32.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
