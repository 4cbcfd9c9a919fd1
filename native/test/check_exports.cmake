# check_exports.cmake: fails unless every symbol libgillab defines in its dynamic symbol
# table starts with gillab_, and all twelve functions of gillab.h are there.
# Run by CTest as: cmake -DNM=<nm> -DLIBRARY=<libgillab.so> -P check_exports.cmake

cmake_minimum_required(VERSION 3.20)

execute_process(COMMAND ${NM} -D --defined-only ${LIBRARY}
  OUTPUT_VARIABLE symbols RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${NM} -D --defined-only ${LIBRARY} failed (${result})")
endif()

string(REGEX REPLACE "\n$" "" symbols "${symbols}")
string(REPLACE "\n" ";" lines "${symbols}")
set(exported "")
set(strays "")
foreach(line IN LISTS lines)
  # "<address> <type> <name>"
  if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] (.+)$")
    set(name "${CMAKE_MATCH_1}")
    if(name MATCHES "^gillab_")
      list(APPEND exported "${name}")
    else()
      list(APPEND strays "${name}")
    endif()
  endif()
endforeach()

if(strays)
  message(FATAL_ERROR "${LIBRARY} exports symbols outside the gillab_ prefix: ${strays}")
endif()
foreach(wanted countdown fib pi matmul mandelbrot sha256 primes sum noop add sleep_micros sum_of_callbacks)
  if(NOT "gillab_${wanted}" IN_LIST exported)
    message(FATAL_ERROR "${LIBRARY} does not export gillab_${wanted}; it exports: ${exported}")
  endif()
endforeach()
list(LENGTH exported count)
message(STATUS "${LIBRARY} exports ${count} symbols, all gillab_: ${exported}")
