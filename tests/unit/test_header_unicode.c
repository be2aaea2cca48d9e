/*
 * test_header_unicode.c - with UNICODE defined, the unsuffixed function and
 * structure names are the W forms.
 *
 * The address of each unsuffixed function is taken inside _Generic, which
 * checks its exact type without evaluating it (the same check as
 * `HANDLE (*p)(LPCWSTR, LPCWSTR, DWORD) = OpenNtmsSession;`), so the test
 * links without librsm.  A wrong mapping fails a _Static_assert.
 */
#define UNICODE
#include <stdio.h>
#include <string.h>

#include <rsm/ntmsapi.h>
#include <rsm/ntmsmli.h>

/* Spell out what a macro expands to. */
#define EXPANDED(name) EXPANDED_(name)
#define EXPANDED_(name) #name

/* The expression has exactly type T. */
#define IS_TYPE(expr, T) _Generic((expr), T: 1, default: 0)

/* Each unsuffixed function name, address taken, has the W signature. */
_Static_assert(IS_TYPE(&OpenNtmsSession, HANDLE (*)(LPCWSTR, LPCWSTR, DWORD)),
               "OpenNtmsSession is the W form");
_Static_assert(IS_TYPE(&GetNtmsObjectInformation,
                       DWORD (*)(HANDLE, LPNTMS_GUID, LPNTMS_OBJECTINFORMATIONW)),
               "GetNtmsObjectInformation is the W form");
_Static_assert(IS_TYPE(&SetNtmsObjectInformation,
                       DWORD (*)(HANDLE, LPNTMS_GUID, LPNTMS_OBJECTINFORMATIONW)),
               "SetNtmsObjectInformation is the W form");
_Static_assert(IS_TYPE(&CreateNtmsMediaPool,
                       DWORD (*)(HANDLE, LPCWSTR, LPNTMS_GUID, DWORD,
                                 LPSECURITY_ATTRIBUTES, LPNTMS_GUID)),
               "CreateNtmsMediaPool is the W form");
_Static_assert(IS_TYPE(&GetNtmsMediaPoolName,
                       DWORD (*)(HANDLE, LPNTMS_GUID, LPWSTR, LPDWORD)),
               "GetNtmsMediaPoolName is the W form");
_Static_assert(IS_TYPE(&GetNtmsObjectAttribute,
                       DWORD (*)(HANDLE, LPNTMS_GUID, DWORD, LPCWSTR, LPVOID, LPDWORD)),
               "GetNtmsObjectAttribute is the W form");
_Static_assert(IS_TYPE(&SetNtmsObjectAttribute,
                       DWORD (*)(HANDLE, LPNTMS_GUID, DWORD, LPCWSTR, LPVOID, DWORD)),
               "SetNtmsObjectAttribute is the W form");
_Static_assert(IS_TYPE(&GetNtmsUIOptions,
                       DWORD (*)(HANDLE, LPNTMS_GUID, DWORD, LPWSTR, LPDWORD)),
               "GetNtmsUIOptions is the W form");
_Static_assert(IS_TYPE(&SetNtmsUIOptions,
                       DWORD (*)(HANDLE, LPNTMS_GUID, DWORD, DWORD, LPCWSTR)),
               "SetNtmsUIOptions is the W form");
_Static_assert(IS_TYPE(&SubmitNtmsOperatorRequest,
                       DWORD (*)(HANDLE, DWORD, LPCWSTR, LPNTMS_GUID, LPNTMS_GUID,
                                 LPNTMS_GUID)),
               "SubmitNtmsOperatorRequest is the W form");
_Static_assert(IS_TYPE(&CreateNtmsMedia,
                       DWORD (*)(HANDLE, LPNTMS_OBJECTINFORMATIONW,
                                 LPNTMS_OBJECTINFORMATIONW, DWORD)),
               "CreateNtmsMedia is the W form");
_Static_assert(IS_TYPE(&EjectDiskFromSADrive,
                       DWORD (*)(LPCWSTR, LPCWSTR, LPCWSTR, HWND, LPCWSTR, LPCWSTR,
                                 DWORD)),
               "EjectDiskFromSADrive is the W form");
_Static_assert(IS_TYPE(&GetVolumesFromDrive, DWORD (*)(LPWSTR, LPWSTR *, LPWSTR *)),
               "GetVolumesFromDrive is the W form");

/* Structures: the unsuffixed names are the W types. */
_Static_assert(IS_TYPE((NTMS_OBJECTINFORMATION *)0, NTMS_OBJECTINFORMATIONW *),
               "NTMS_OBJECTINFORMATION is W");
_Static_assert(IS_TYPE((LPNTMS_OBJECTINFORMATION)0, LPNTMS_OBJECTINFORMATIONW),
               "LPNTMS_OBJECTINFORMATION is W");
_Static_assert(IS_TYPE((NTMS_DRIVEINFORMATION *)0, NTMS_DRIVEINFORMATIONW *),
               "NTMS_DRIVEINFORMATION is W");
_Static_assert(IS_TYPE((NTMS_PARTITIONINFORMATION *)0, NTMS_PARTITIONINFORMATIONW *),
               "NTMS_PARTITIONINFORMATION is W");
_Static_assert(IS_TYPE((NTMS_OPREQUESTINFORMATION *)0, NTMS_OPREQUESTINFORMATIONW *),
               "NTMS_OPREQUESTINFORMATION is W");

int main(void)
{
    /* And the names the macros expand to. */
    static const struct { const char *got, *want; } names[] = {
        { EXPANDED(OpenNtmsSession), "OpenNtmsSessionW" },
        { EXPANDED(GetNtmsObjectInformation), "GetNtmsObjectInformationW" },
        { EXPANDED(SetNtmsObjectInformation), "SetNtmsObjectInformationW" },
        { EXPANDED(CreateNtmsMediaPool), "CreateNtmsMediaPoolW" },
        { EXPANDED(GetNtmsMediaPoolName), "GetNtmsMediaPoolNameW" },
        { EXPANDED(GetNtmsObjectAttribute), "GetNtmsObjectAttributeW" },
        { EXPANDED(SetNtmsObjectAttribute), "SetNtmsObjectAttributeW" },
        { EXPANDED(GetNtmsUIOptions), "GetNtmsUIOptionsW" },
        { EXPANDED(SetNtmsUIOptions), "SetNtmsUIOptionsW" },
        { EXPANDED(SubmitNtmsOperatorRequest), "SubmitNtmsOperatorRequestW" },
        { EXPANDED(CreateNtmsMedia), "CreateNtmsMediaW" },
        { EXPANDED(EjectDiskFromSADrive), "EjectDiskFromSADriveW" },
        { EXPANDED(GetVolumesFromDrive), "GetVolumesFromDriveW" },
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(names[i].got, names[i].want) != 0) {
            fprintf(stderr, "test_header_unicode: %s, want %s\n", names[i].got,
                    names[i].want);
            failures++;
        }
    }
    printf("test_header_unicode: %zu names checked\n", sizeof names / sizeof names[0]);
    return failures != 0;
}
