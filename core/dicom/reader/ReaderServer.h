#pragma once
// The request loop of spinegrade-dicom-reader: reads requests from `in`, answers on `out`
// (ReaderProtocol.h), one at a time, until `in` closes. Returns the process exit status.
namespace sg::core::reader {

int serveRequests(int in, int out);

} // namespace sg::core::reader
