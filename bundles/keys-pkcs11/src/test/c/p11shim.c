/*
 * A PKCS#11 module for tests: forwards every call to the real module REAL_LIBRARY, except that the signing calls
 * (C_Sign, C_SignUpdate, C_SignFinal)
 *   - block while the file HANG_FLAG exists (a token that stops answering), and
 *   - return CKR_DEVICE_REMOVED while the file FAIL_FLAG exists (a token that was pulled out).
 * Built by the tests with: gcc -shared -fPIC -DREAL_LIBRARY=... -DHANG_FLAG=... -DFAIL_FLAG=... -o lib.so p11shim.c -ldl
 * Written without pkcs11.h so that only gcc and libc are needed: CK_FUNCTION_LIST of PKCS#11 2.40 is a CK_VERSION
 * followed by 68 function pointers, C_SignInit at position 42.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <time.h>
#include <unistd.h>

typedef unsigned long CK_ULONG;
typedef CK_ULONG CK_RV;
typedef struct { unsigned char major, minor; } CK_VERSION;
typedef struct { CK_VERSION version; void *f[68]; } FUNCTION_LIST;

#define C_SIGN 43
#define C_SIGN_UPDATE 44
#define C_SIGN_FINAL 45
#define CKR_DEVICE_REMOVED 0x32UL
#define CKR_GENERAL_ERROR 0x5UL

typedef CK_RV (*sign_fn)(CK_ULONG, unsigned char *, CK_ULONG, unsigned char *, CK_ULONG *);
typedef CK_RV (*sign_update_fn)(CK_ULONG, unsigned char *, CK_ULONG);
typedef CK_RV (*sign_final_fn)(CK_ULONG, unsigned char *, CK_ULONG *);
typedef CK_RV (*get_function_list_fn)(FUNCTION_LIST **);

static FUNCTION_LIST shim;
static FUNCTION_LIST *real;

/* returns non-zero when the call must fail; waits while the hang flag exists */
static int intercept(void) {
    struct timespec pause = {0, 2 * 1000 * 1000};
    while (access(HANG_FLAG, F_OK) == 0) {
        nanosleep(&pause, NULL);
    }
    return access(FAIL_FLAG, F_OK) == 0;
}

static CK_RV shim_sign(CK_ULONG s, unsigned char *d, CK_ULONG n, unsigned char *sig, CK_ULONG *len) {
    if (intercept()) return CKR_DEVICE_REMOVED;
    return ((sign_fn) real->f[C_SIGN])(s, d, n, sig, len);
}

static CK_RV shim_sign_update(CK_ULONG s, unsigned char *d, CK_ULONG n) {
    if (intercept()) return CKR_DEVICE_REMOVED;
    return ((sign_update_fn) real->f[C_SIGN_UPDATE])(s, d, n);
}

static CK_RV shim_sign_final(CK_ULONG s, unsigned char *sig, CK_ULONG *len) {
    if (intercept()) return CKR_DEVICE_REMOVED;
    return ((sign_final_fn) real->f[C_SIGN_FINAL])(s, sig, len);
}

CK_RV C_GetFunctionList(FUNCTION_LIST **out) {
    if (out == NULL) return CKR_GENERAL_ERROR;
    if (real == NULL) {
        void *lib = dlopen(REAL_LIBRARY, RTLD_NOW | RTLD_LOCAL);
        if (lib == NULL) return CKR_GENERAL_ERROR;
        get_function_list_fn get = (get_function_list_fn) dlsym(lib, "C_GetFunctionList");
        FUNCTION_LIST *list = NULL;
        if (get == NULL || get(&list) != 0 || list == NULL) return CKR_GENERAL_ERROR;
        shim = *list;
        shim.f[C_SIGN] = (void *) shim_sign;
        shim.f[C_SIGN_UPDATE] = (void *) shim_sign_update;
        shim.f[C_SIGN_FINAL] = (void *) shim_sign_final;
        real = list;
    }
    *out = &shim;
    return 0;
}
