// BLAS and LAPACK report an illegal argument by calling xerbla_, whose default in OpenBLAS prints
// "** On entry to DGEMV parameter number 6 had an illegal value" to standard output (where only
// results may go) and returns, leaving the output of the call unset. The program defines its own
// xerbla_, which the BLAS library calls instead: it throws a gvcpanel::Error naming the routine and
// the argument, so such a call is an error on standard error, never text in a result or a silent
// wrong number. (Inside an OpenMP region an exception cannot leave the region: there it prints the
// message on standard error and aborts.) CMake keeps this definition in every program that links
// gvcpanel_core and exports it to the shared BLAS library.
#pragma once

extern "C" {
// The Fortran XERBLA interface: the routine's name (blank-padded, `name_length` bytes, no trailing
// NUL guaranteed) and the position of the illegal argument.
void xerbla_(const char* name, const int* argument, int name_length);
}
